package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailRequest;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse.MpuTask;
import com.aliyuncs.live.model.v20161101.SetLiveMpuTaskSeiRequest;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.StopLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.UpdateLiveMPUTaskRequest;
import com.aliyuncs.profile.DefaultProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Drives the emulator with the real vendor SDK (aliyun-java-sdk-live 3.9.76 + core
 * 4.7.10) over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class,
		properties = { "streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.emulator.single-quota=2",
				"streamrelay.emulator.mixed-quota=1" })
class EmulatorSdkTest {

	private static final String KEY_ID = "LTAIemulatorKey";

	private static final String SECRET = "emulator-secret";

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	private DefaultAcsClient client;

	@BeforeEach
	void setUp() {
		this.state.reset();
		this.client = client(KEY_ID, SECRET);
	}

	@AfterEach
	void tearDown() {
		this.client.shutdown();
	}

	@Test
	void acceptsSdkSignatureAndCountsTheCall() throws ClientException {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));

		assertThat(this.state.callCount("StartLiveMPUTask")).isEqualTo(1);
		assertThat(this.state.runningTasks("app1")).extracting(EmulatedTask::taskId).containsExactly("t1");
	}

	@Test
	void rejectsWrongSecretSoTheSdkReportsInvalidSecret() {
		DefaultAcsClient wrong = client(KEY_ID, "not-the-secret");
		try {
			assertVendorError(() -> call(wrong, singleStart("app1", "t1", "rtmp://push.example.com/live/s1")),
					"SDK.InvalidAccessKeySecret");
			assertThat(this.state.runningTasks("app1")).isEmpty();
		}
		finally {
			wrong.shutdown();
		}
	}

	@Test
	void rejectsUnknownAccessKeyId() {
		DefaultAcsClient unknown = client("LTAIsomeoneElse", SECRET);
		try {
			assertVendorError(() -> call(unknown, singleStart("app1", "t1", "rtmp://push.example.com/live/s1")),
					"InvalidAccessKeyId.NotFound");
		}
		finally {
			unknown.shutdown();
		}
	}

	@Test
	void listEchoesSingleThenMixedParametersUntilStopped() throws ClientException {
		StartLiveMPUTaskRequest start = singleStart("app1", "t1", "rtmp://push.example.com/live/s1?auth_key=1-0-0-ab");
		start.setMaxIdleTime("30");
		start.setRegion("CN-Shanghai");
		call(this.client, start);

		MpuTask single = listOnly("app1");
		assertThat(single.getTaskId()).isEqualTo("t1");
		assertThat(single.getMixMode()).isEqualTo("0");
		assertThat(single.getStreamURL()).isEqualTo("rtmp://push.example.com/live/s1?auth_key=1-0-0-ab");
		assertThat(single.getMaxIdleTime()).isEqualTo("30");
		assertThat(single.getRegion()).isEqualTo("CN-Shanghai");
		assertThat(single.getSingleSubParams().getUserId()).isEqualTo("u1");
		assertThat(single.getSingleSubParams().getStreamType()).isEqualTo("1");
		assertThat(single.getSingleSubParams().getSourceType()).isEqualTo("camera");
		// the SDK's unmarshaller always creates nested objects, so absence is checked on
		// the emulator side
		assertThat(this.state.task("app1", "t1").orElseThrow().params()).doesNotContainKey("TranscodeParams");

		call(this.client, mixedUpdate("app1", "t1"));

		MpuTask mixed = listOnly("app1");
		assertThat(mixed.getMixMode()).isEqualTo("1");
		assertThat(this.state.task("app1", "t1").orElseThrow().params()).doesNotContainKey("SingleSubParams")
			.containsKey("TranscodeParams");
		assertThat(mixed.getStreamURL()).isEqualTo("rtmp://push.example.com/live/s1?auth_key=1-0-0-ab");
		assertThat(mixed.getTranscodeParams().getUserInfos()).extracting("userId").containsExactly("u1", "u2");
		assertThat(mixed.getTranscodeParams().getLayout().getUserPanes()).extracting("x", "width", "ZOrder")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("0", "0.5", "0"),
					org.assertj.core.groups.Tuple.tuple("0.5", "0.5", "1"));
		assertThat(mixed.getTranscodeParams().getLayout().getUserPanes().get(1).getBackgroundImageUrl())
			.isEqualTo("https://img.example.com/bg.png?a=1&b=2");
		assertThat(mixed.getTranscodeParams().getEncodeParams().getVideoWidth()).isEqualTo("720");
		assertThat(mixed.getTranscodeParams().getEncodeParams().getAudioSampleRate()).isEqualTo("48000");

		StopLiveMPUTaskRequest stop = new StopLiveMPUTaskRequest();
		stop.setAppId("app1");
		stop.setTaskId("t1");
		call(this.client, stop);

		assertThat(list("app1").getMPUTasks()).isEmpty();
		assertThat(this.state.task("app1", "t1")).get().extracting(EmulatedTask::running).isEqualTo(false);
	}

	@Test
	void rejectsStartingATaskIdThatIsStillRunning() throws ClientException {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));

		assertVendorError(() -> call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s2")),
				"InvalidParam");
	}

	@Test
	void rejectsStreamUrlUsedByAnotherRunningTask() throws ClientException {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));

		assertVendorError(() -> call(this.client, singleStart("app1", "t2", "rtmp://push.example.com/live/s1")),
				"InvalidParam");
	}

	@Test
	void enforcesSingleStreamQuotaPerAppId() throws ClientException {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));
		call(this.client, singleStart("app1", "t2", "rtmp://push.example.com/live/s2"));

		assertVendorError(() -> call(this.client, singleStart("app1", "t3", "rtmp://push.example.com/live/s3")),
				"QuotaExceeded");
		// the quota is per AppId
		call(this.client, singleStart("app2", "t3", "rtmp://push.example.com/live/s3"));
	}

	@Test
	void enforcesMixedQuotaWhenUpdateSwitchesMode() throws ClientException {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));
		call(this.client, singleStart("app1", "t2", "rtmp://push.example.com/live/s2"));
		call(this.client, mixedUpdate("app1", "t1"));

		assertVendorError(() -> call(this.client, mixedUpdate("app1", "t2")), "QuotaExceeded");
	}

	@Test
	void rejectsMissingAndContradictoryParameters() {
		// the SDK ignores setMixMode(null), so this request is built without ever setting
		// it
		StartLiveMPUTaskRequest noMode = new StartLiveMPUTaskRequest();
		noMode.setAppId("app1");
		noMode.setChannelId("ch1");
		noMode.setTaskId("t1");
		noMode.setStreamURL("rtmp://push.example.com/live/s1");
		noMode.setSingleSubParams(singleStart("app1", "t1", "rtmp://x/y").getSingleSubParams());
		assertVendorError(() -> call(this.client, noMode), "MissingParam");

		StartLiveMPUTaskRequest singleWithTranscode = singleStart("app1", "t1", "rtmp://push.example.com/live/s1");
		singleWithTranscode.setTranscodeParams(new StartLiveMPUTaskRequest.TranscodeParams());
		assertVendorError(() -> call(this.client, singleWithTranscode), "InvalidParam");

		StartLiveMPUTaskRequest httpUrl = singleStart("app1", "t1", "http://push.example.com/live/s1");
		assertVendorError(() -> call(this.client, httpUrl), "InvalidParam");

		assertThat(this.state.runningTasks("app1")).isEmpty();
	}

	@Test
	void setsSeiOnRunningTaskOnly() throws ClientException {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));

		call(this.client, sei("app1", "t1", "{\"score\":\"3:1\",\"note\":\"a b*~\"}"));

		assertThat(this.state.task("app1", "t1")).get()
			.extracting(EmulatedTask::lastCustomSei)
			.isEqualTo("{\"score\":\"3:1\",\"note\":\"a b*~\"}");
		assertVendorError(() -> call(this.client, sei("app1", "nope", "{}")), "InvalidParam");
	}

	@Test
	void sdkStartedRelayCanBeUpdatedAndStoppedButIsNotListed() throws Exception {
		HttpResponse<String> created = post("/emulator/sdk-relays",
				"{\"appId\":\"app1\",\"channelId\":\"ch1\",\"userId\":\"u1\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		String taskId = "AL-24f6e5e5d7cadf24238ab14a0040e5c5";
		assertThat(created.body()).contains(taskId);

		assertThat(list("app1").getMPUTasks()).isEmpty();
		UpdateLiveMPUTaskRequest update = mixedUpdate("app1", taskId);
		update.setChannelId("ch1");
		call(this.client, update);
		assertThat(this.state.task("app1", taskId)).get().extracting(EmulatedTask::mixMode).isEqualTo("1");

		StopLiveMPUTaskRequest stop = new StopLiveMPUTaskRequest();
		stop.setAppId("app1");
		stop.setTaskId(taskId);
		call(this.client, stop);
		assertThat(this.state.runningTasks("app1")).isEmpty();
	}

	@Test
	void controlEndpointsShowStoppedTasksAndReset() throws Exception {
		call(this.client, singleStart("app1", "t1", "rtmp://push.example.com/live/s1"));

		HttpResponse<String> tasks = get("/emulator/tasks?appId=app1");
		assertThat(tasks.body()).contains("\"taskId\":\"t1\"", "\"state\":\"RUNNING\"", "\"UserId\":\"u1\"",
				"\"StartLiveMPUTask\":1");

		assertThat(post("/emulator/reset", "").statusCode()).isEqualTo(204);
		assertThat(this.state.task("app1", "t1")).isEmpty();
	}

	private <T extends AcsResponse> T call(DefaultAcsClient acs, AcsRequest<T> request) throws ClientException {
		request.setSysEndpoint("127.0.0.1:" + this.port);
		request.setSysProtocol(ProtocolType.HTTP);
		return acs.getAcsResponse(request);
	}

	private ListRtcMPUTaskDetailResponse list(String appId) throws ClientException {
		ListRtcMPUTaskDetailRequest list = new ListRtcMPUTaskDetailRequest();
		list.setAppId(appId);
		list.setPageNo(1L);
		list.setPageSize(10L);
		return call(this.client, list);
	}

	private MpuTask listOnly(String appId) throws ClientException {
		List<MpuTask> tasks = list(appId).getMPUTasks();
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	static StartLiveMPUTaskRequest singleStart(String appId, String taskId, String url) {
		StartLiveMPUTaskRequest start = new StartLiveMPUTaskRequest();
		start.setAppId(appId);
		start.setChannelId("ch1");
		start.setTaskId(taskId);
		start.setMixMode("0");
		start.setStreamURL(url);
		StartLiveMPUTaskRequest.SingleSubParams sub = new StartLiveMPUTaskRequest.SingleSubParams();
		sub.setUserId("u1");
		sub.setStreamType("1");
		sub.setSourceType("camera");
		start.setSingleSubParams(sub);
		return start;
	}

	private static UpdateLiveMPUTaskRequest mixedUpdate(String appId, String taskId) {
		UpdateLiveMPUTaskRequest update = new UpdateLiveMPUTaskRequest();
		update.setAppId(appId);
		update.setChannelId("ch1");
		update.setTaskId(taskId);
		update.setMixMode("1");
		UpdateLiveMPUTaskRequest.TranscodeParams transcode = new UpdateLiveMPUTaskRequest.TranscodeParams();
		transcode.setUserInfos(List.of(user("u1"), user("u2")));
		UpdateLiveMPUTaskRequest.TranscodeParams.Layout layout = new UpdateLiveMPUTaskRequest.TranscodeParams.Layout();
		layout.setUserPanes(List.of(pane("0", "0", null), pane("0.5", "1", "https://img.example.com/bg.png?a=1&b=2")));
		transcode.setLayout(layout);
		UpdateLiveMPUTaskRequest.TranscodeParams.EncodeParams encode = new UpdateLiveMPUTaskRequest.TranscodeParams.EncodeParams();
		encode.setAudioOnly("false");
		encode.setAudioBitrate("128");
		encode.setAudioChannels("2");
		encode.setAudioSampleRate("48000");
		encode.setVideoCodec("H.264");
		encode.setVideoBitrate("2000");
		encode.setVideoFramerate("25");
		encode.setVideoGop("50");
		encode.setVideoWidth("720");
		encode.setVideoHeight("1280");
		encode.setEnhancedParam("{\"profile\":\"high\",\"preset\":\"veryfast\"}");
		transcode.setEncodeParams(encode);
		// the SDK serialises nested params in the setter, so the graph must be complete
		// first
		update.setTranscodeParams(transcode);
		return update;
	}

	private static UpdateLiveMPUTaskRequest.TranscodeParams.UserInfosItem user(String userId) {
		UpdateLiveMPUTaskRequest.TranscodeParams.UserInfosItem user = new UpdateLiveMPUTaskRequest.TranscodeParams.UserInfosItem();
		user.setUserId(userId);
		user.setStreamType("0");
		user.setSourceType("camera");
		return user;
	}

	private static UpdateLiveMPUTaskRequest.TranscodeParams.Layout.UserPanesItem pane(String x, String zOrder,
			String background) {
		UpdateLiveMPUTaskRequest.TranscodeParams.Layout.UserPanesItem pane = new UpdateLiveMPUTaskRequest.TranscodeParams.Layout.UserPanesItem();
		pane.setX(x);
		pane.setY("0");
		pane.setWidth("0.5");
		pane.setHeight("1");
		pane.setZOrder(zOrder);
		pane.setRenderMode("1");
		pane.setBackgroundImageUrl(background);
		return pane;
	}

	private static SetLiveMpuTaskSeiRequest sei(String appId, String taskId, String customSei) {
		SetLiveMpuTaskSeiRequest sei = new SetLiveMpuTaskSeiRequest();
		sei.setAppId(appId);
		sei.setTaskId(taskId);
		sei.setCustomSei(customSei);
		return sei;
	}

	private static void assertVendorError(Executable call, String code) {
		assertThatThrownBy(call::execute).isInstanceOfSatisfying(ClientException.class,
				(ex) -> assertThat(ex.getErrCode()).as(ex.getErrMsg()).isEqualTo(code));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return http(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpResponse<String> http(HttpRequest request) throws IOException, InterruptedException {
		return HttpClient.newBuilder()
			.proxy(HttpClient.Builder.NO_PROXY)
			.build()
			.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static DefaultAcsClient client(String keyId, String secret) {
		return new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", keyId, secret));
	}

	// Deliberately not a @Configuration: component scans of the whole application must
	// never pick it up.
	@EnableAutoConfiguration(exclude = { DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration.class })
	// the control endpoints act on the caller's apps; here every request is an admin on
	// all of them
	@Import({ EmulatorConfiguration.class, io.streamrelay.security.EveryAppAdmin.class })
	static class EmulatorOnly {

	}

}
