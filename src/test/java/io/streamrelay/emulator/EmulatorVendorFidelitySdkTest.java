package io.streamrelay.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.profile.DefaultProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The emulator's vendor-fidelity rules (docs/aliyun-mpu-api.md §9), driven with the real
 * SDK: a channel nobody joined, PayloadType 5, audio-only mixing with a layout, unknown
 * Actions.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class,
		properties = { "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.emulator.require-joined-channels=true" })
class EmulatorVendorFidelitySdkTest {

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	private DefaultAcsClient client;

	@BeforeEach
	void setUp() {
		this.state.reset();
		this.client = new DefaultAcsClient(
				DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret"));
	}

	@AfterEach
	void tearDown() {
		this.client.shutdown();
	}

	// §2.9 / §9: "If nobody has joined the channel → channel does not exist"; the code
	// string is unconfirmed (§8.2), the documented family's InvalidParam names the fact
	@Test
	void refusesAStartInAChannelNobodyJoinedUntilSomeoneJoins() throws Exception {
		StartLiveMPUTaskRequest start = EmulatorSdkTest.singleStart("app1", "t1", "rtmp://push.example.com/live/s1");
		assertThatThrownBy(() -> call(start)).isInstanceOfSatisfying(ClientException.class, (ex) -> {
			assertThat(ex.getErrCode()).isEqualTo("InvalidParam");
			assertThat(ex.getErrMsg()).contains("channel ch1 does not exist");
		});
		assertThat(this.state.runningTasks("app1")).isEmpty();

		assertThat(post("/emulator/joins", "{\"appId\":\"app1\",\"channelId\":\"ch1\"}").statusCode()).isEqualTo(201);

		call(EmulatorSdkTest.singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));
		assertThat(this.state.runningTasks("app1")).extracting(EmulatedTask::taskId).containsExactly("t1");
	}

	@Test
	void aClientSdkRelayMeansSomeoneJoinedTheChannel() throws Exception {
		assertThat(post("/emulator/sdk-relays", "{\"appId\":\"app1\",\"channelId\":\"ch1\",\"userId\":\"u9\"}")
			.statusCode()).isEqualTo(201);

		call(EmulatorSdkTest.singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));
		assertThat(this.state.task("app1", "t1")).isPresent();
	}

	@Test
	void aJoinInAnotherAppDoesNotOpenTheChannel() throws Exception {
		post("/emulator/joins", "{\"appId\":\"app2\",\"channelId\":\"ch1\"}");

		assertVendorError(() -> call(EmulatorSdkTest.singleStart("app1", "t1", "rtmp://push.example.com/live/s1")),
				"InvalidParam");
	}

	// §2.5 / §9: only 100-254 are documented as values to send; 5 is the omitted default
	@Test
	void refusesPayloadTypeFiveSentExplicitly() throws Exception {
		post("/emulator/joins", "{\"appId\":\"app1\",\"channelId\":\"ch1\"}");
		StartLiveMPUTaskRequest start = EmulatorSdkTest.singleStart("app1", "t1", "rtmp://push.example.com/live/s1");
		StartLiveMPUTaskRequest.SeiParams sei = new StartLiveMPUTaskRequest.SeiParams();
		sei.setPayloadType("5");
		start.setSeiParams(sei);

		assertVendorError(() -> call(start), "InvalidParam");
	}

	// §9: audio-only mixing leaves the layout empty
	@Test
	void refusesAudioOnlyMixingWithALayout() throws Exception {
		post("/emulator/joins", "{\"appId\":\"app1\",\"channelId\":\"ch1\"}");
		StartLiveMPUTaskRequest start = new StartLiveMPUTaskRequest();
		start.setAppId("app1");
		start.setChannelId("ch1");
		start.setTaskId("t1");
		start.setMixMode("1");
		start.setStreamURL("rtmp://push.example.com/live/s1");
		StartLiveMPUTaskRequest.TranscodeParams transcode = new StartLiveMPUTaskRequest.TranscodeParams();
		StartLiveMPUTaskRequest.TranscodeParams.EncodeParams encode = new StartLiveMPUTaskRequest.TranscodeParams.EncodeParams();
		encode.setAudioOnly("true");
		transcode.setEncodeParams(encode);
		StartLiveMPUTaskRequest.TranscodeParams.Layout layout = new StartLiveMPUTaskRequest.TranscodeParams.Layout();
		layout.setUserPanes(java.util.List.of());
		transcode.setLayout(layout);
		start.setTranscodeParams(transcode);

		assertVendorError(() -> call(start), "InvalidParam");
	}

	// §9: the gateway's current unknown-action code
	@Test
	void answersAnUnknownActionWithTheGatewaysCode() {
		CommonRequest unknown = new CommonRequest();
		unknown.setSysMethod(MethodType.POST);
		unknown.setSysDomain("127.0.0.1:" + this.port);
		unknown.setSysProtocol(ProtocolType.HTTP);
		unknown.setSysVersion("2016-11-01");
		unknown.setSysAction("DescribeNothing");

		assertThatThrownBy(() -> this.client.getCommonResponse(unknown)).isInstanceOfSatisfying(ClientException.class,
				(ex) -> assertThat(ex.getErrCode()).isEqualTo("InvalidAction.NotFound"));
	}

	private <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
		request.setSysEndpoint("127.0.0.1:" + this.port);
		request.setSysProtocol(ProtocolType.HTTP);
		return this.client.getAcsResponse(request);
	}

	private static void assertVendorError(Executable call, String code) {
		assertThatThrownBy(call::execute).isInstanceOfSatisfying(ClientException.class,
				(ex) -> assertThat(ex.getErrCode()).as(ex.getErrMsg()).isEqualTo(code));
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HttpClient.newBuilder()
			.proxy(HttpClient.Builder.NO_PROXY)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
