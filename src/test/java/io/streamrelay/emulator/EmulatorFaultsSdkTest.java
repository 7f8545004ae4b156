package io.streamrelay.emulator;

import static io.streamrelay.emulator.EmulatorSdkTest.singleStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailRequest;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse.MpuTask;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskResponse;
import com.aliyuncs.live.model.v20161101.StopLiveMPUTaskRequest;
import com.aliyuncs.profile.DefaultProfile;
import io.streamrelay.emulator.FaultRule.Kind;
import io.streamrelay.emulator.FaultRule.When;
import org.apache.http.ConnectionClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Shows what the real vendor SDK observes for each injected fault, and which faults leave
 * the vendor's effect.
 */
// same properties as EmulatorSdkTest so both share one cached context; every test clears
// the plan it used
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class,
		properties = { "streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.emulator.single-quota=2",
				"streamrelay.emulator.mixed-quota=1" })
class EmulatorFaultsSdkTest {

	private static final String START = "StartLiveMPUTask";

	private static final String URL = "rtmp://push.example.com/live/s1";

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	@Autowired
	FaultPlan faults;

	private DefaultAcsClient client;

	// latency faults hold their request until the test releases it, instead of sleeping
	private final HeldRequests held = new HeldRequests();

	@BeforeEach
	void setUp() {
		this.state.reset();
		this.faults.clear();
		this.faults.pace(this.held);
		this.client = new DefaultAcsClient(
				DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret"));
	}

	@AfterEach
	void tearDown() {
		this.held.release();
		this.faults.pace(FaultPacing.SLEEP);
		this.faults.clear();
		this.client.shutdown();
	}

	@Test
	void internalErrorIsAServerExceptionAndTheVendorNeverActed() {
		this.faults.add(once(START, Kind.INTERNAL_ERROR, When.BEFORE));

		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOfSatisfying(ServerException.class,
				(ex) -> assertThat(ex.getErrCode()).isEqualTo("InternalError"));
		assertThat(this.state.task("app1", "t1")).isEmpty();
		assertThat(this.state.callCount(START)).isEqualTo(1);
	}

	@Test
	void serviceUnavailableIsAServerException() {
		this.faults.add(once(START, Kind.SERVICE_UNAVAILABLE, When.BEFORE));

		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOfSatisfying(ServerException.class,
				(ex) -> assertThat(ex.getErrCode()).isEqualTo("ServiceUnavailable"));
	}

	@Test
	void throttlingIsAClientExceptionNotAServerException() {
		this.faults.add(once(START, Kind.THROTTLING, When.BEFORE));

		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOfSatisfying(ClientException.class,
				(ex) -> {
					assertThat(ex).isNotInstanceOf(ServerException.class);
					assertThat(ex.getErrCode()).isEqualTo("Throttling.User");
					assertThat(ex.getErrMsg()).isEqualTo("Request was denied due to user flow control.");
				});
	}

	@Test
	void latencyBeyondTheReadTimeoutIsAnSdkReadTimeoutAndTheOperationStillRuns() throws Exception {
		this.faults.add(new FaultRule(START, Kind.LATENCY, 1, 1_000, When.BEFORE));
		var start = singleStart("app1", "t1", URL);
		start.setSysReadTimeout(300);

		// the emulator holds the request until released, so the client's read timeout
		// is the only thing that can end the call
		assertThatThrownBy(() -> call(start)).isInstanceOfSatisfying(ClientException.class,
				(ex) -> assertThat(ex.getErrCode()).isEqualTo("SDK.ReadTimeout"));
		assertThat(this.state.task("app1", "t1")).as("the vendor has not acted yet").isEmpty();
		this.held.release();
		this.held.awaitSettled(1);

		// LATENCY answers normally once it has waited, so the vendor did act: the outcome
		// was unknown to the client
		assertThat(this.state.runningTasks("app1")).extracting(EmulatedTask::taskId).containsExactly("t1");
		assertThat(this.held.latencies()).containsExactly(1_000L);
	}

	@Test
	void latencyWithinTheReadTimeoutOnlySlowsTheAnswer() throws Exception {
		this.faults.add(new FaultRule(START, Kind.LATENCY, 1, 400, When.BEFORE));
		var start = singleStart("app1", "t1", URL);
		start.setSysReadTimeout(60_000);

		CompletableFuture<StartLiveMPUTaskResponse> answer = CompletableFuture.supplyAsync(() -> {
			try {
				return call(start);
			}
			catch (ClientException ex) {
				throw new CompletionException(ex);
			}
		});
		this.held.awaitArrivals(1);
		assertThat(answer).as("no answer while the latency lasts").isNotDone();
		assertThat(this.held.latencies()).containsExactly(400L);
		this.held.release();

		StartLiveMPUTaskResponse response = answer.get(30, TimeUnit.SECONDS);
		assertThat(response.getRequestId()).isNotBlank();
		assertThat(this.state.runningTasks("app1")).extracting(EmulatedTask::taskId).containsExactly("t1");
	}

	@Test
	void droppedConnectionIsServerUnreachableFromAPrematureEndOfBody() {
		this.faults.add(once(START, Kind.DROP_CONNECTION, When.BEFORE));

		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL)))
			.isInstanceOfSatisfying(ClientException.class, (ex) -> {
				assertThat(ex).isNotInstanceOf(ServerException.class);
				assertThat(ex.getErrCode()).isEqualTo("SDK.ServerUnreachable");
			})
			.hasRootCauseInstanceOf(ConnectionClosedException.class);
		assertThat(this.state.task("app1", "t1")).isEmpty();
	}

	@Test
	void garbageIsSilentlyAcceptedAsAResponseWithoutRequestId() throws ClientException {
		this.faults.add(once(START, Kind.GARBAGE, When.BEFORE));

		// the body claims to be JSON, so the SDK's lenient reader yields an empty
		// response instead of throwing
		StartLiveMPUTaskResponse response = call(singleStart("app1", "t1", URL));

		assertThat(response.getRequestId()).isNull();
		assertThat(this.state.task("app1", "t1")).isEmpty();
	}

	@Test
	void afterFaultKeepsTheVendorsEffectWhileTheClientSeesAnError() throws ClientException {
		this.faults.add(once(START, Kind.INTERNAL_ERROR, When.AFTER));

		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOf(ServerException.class);

		assertThat(list("app1")).extracting(MpuTask::getTaskId).containsExactly("t1");
	}

	@Test
	void afterDropKeepsTheVendorsEffect() throws ClientException {
		this.faults.add(once(START, Kind.DROP_CONNECTION, When.AFTER));

		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOf(ClientException.class);

		assertThat(list("app1")).extracting(MpuTask::getTaskId).containsExactly("t1");
	}

	@Test
	void faultsRunOutAfterTheirCountAndOnlyHitTheirAction() throws ClientException {
		this.faults.add(new FaultRule(START, Kind.SERVICE_UNAVAILABLE, 2, 0, When.BEFORE));

		assertThat(list("app1")).isEmpty();
		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOf(ServerException.class);
		assertThatThrownBy(() -> call(singleStart("app1", "t1", URL))).isInstanceOf(ServerException.class);
		call(singleStart("app1", "t1", URL));

		assertThat(list("app1")).extracting(MpuTask::getTaskId).containsExactly("t1");
		assertThat(this.faults.rules()).isEmpty();
	}

	@Test
	void faultsApplyOnlyAfterTheSignatureIsVerified() {
		this.faults.add(FaultRule.always(null, Kind.INTERNAL_ERROR));
		DefaultAcsClient wrong = new DefaultAcsClient(
				DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "not-the-secret"));
		try {
			assertThatThrownBy(() -> call(wrong, singleStart("app1", "t1", URL))).isInstanceOfSatisfying(
					ClientException.class, (ex) -> assertThat(ex.getErrCode()).isEqualTo("SDK.InvalidAccessKeySecret"));
		}
		finally {
			wrong.shutdown();
		}
		assertThat(this.faults.rules()).singleElement()
			.extracting(FaultPlan.ActiveFault::remaining)
			.isEqualTo(FaultRule.UNTIL_CLEARED);
	}

	@Test
	void vanishedTaskLeavesTheListAndCannotBeStopped() throws ClientException {
		call(singleStart("app1", "t1", URL));

		assertThat(this.state.vanish("app1", "t1")).isTrue();

		assertThat(list("app1")).isEmpty();
		StopLiveMPUTaskRequest stop = new StopLiveMPUTaskRequest();
		stop.setAppId("app1");
		stop.setTaskId("t1");
		assertThatThrownBy(() -> call(stop)).isInstanceOfSatisfying(ClientException.class,
				(ex) -> assertThat(ex.getErrCode()).isEqualTo("InvalidParam"));
		assertThat(this.state.task("app1", "t1").orElseThrow().callCounts()).doesNotContainKey("StopLiveMPUTask");
	}

	private static FaultRule once(String action, Kind kind, When when) {
		return new FaultRule(action, kind, 1, 0, when);
	}

	private java.util.List<MpuTask> list(String appId) throws ClientException {
		ListRtcMPUTaskDetailRequest list = new ListRtcMPUTaskDetailRequest();
		list.setAppId(appId);
		list.setPageNo(1L);
		list.setPageSize(10L);
		ListRtcMPUTaskDetailResponse response = call(list);
		return response.getMPUTasks();
	}

	private <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
		return call(this.client, request);
	}

	private <T extends AcsResponse> T call(DefaultAcsClient acs, AcsRequest<T> request) throws ClientException {
		request.setSysEndpoint("127.0.0.1:" + this.port);
		request.setSysProtocol(ProtocolType.HTTP);
		return acs.getAcsResponse(request);
	}

}
