package io.streamrelay.upstream.aliyun;

import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.upstream.resilience.ResilientLiveRelayGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.streamrelay.upstream.aliyun.WireMockVendor.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SDK gateway behind the resilience decorator, with its default settings, against a
 * scripted vendor.
 */
class ResilientAliyunGatewayWireMockTest {

	private static final RelaySpec SPEC = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null),
			null, List.of("rtmp://push.example.com/live/s"), null, null, null);

	private final WireMockVendor vendor = new WireMockVendor();

	private final ResilientLiveRelayGateway gateway = new ResilientLiveRelayGateway(this.vendor.gateway,
			RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults());

	@AfterEach
	void stopVendor() {
		this.vendor.close();
	}

	@Test
	void startSucceedsWhenTheVendorRecoversFromServiceUnavailable() {
		script("StartLiveMPUTask", error(503, "ServiceUnavailable"), ok("req-start"));

		assertThat(this.gateway.start("app1", "task-1", SPEC).requestId()).isEqualTo("req-start");
		assertThat(requests("StartLiveMPUTask")).isEqualTo(2);
	}

	@Test
	void startSucceedsAfterTheVendorThrottledTwice() {
		script("StartLiveMPUTask", error(400, "Throttling.User"), error(400, "Throttling.User"), ok("req-start"));

		assertThat(this.gateway.start("app1", "task-1", SPEC).requestId()).isEqualTo("req-start");
		assertThat(requests("StartLiveMPUTask")).isEqualTo(3);
	}

	@Test
	void startRejectedForAnInvalidParameterIsSentOnce() {
		script("StartLiveMPUTask", error(400, "InvalidParam"));

		UpstreamFailure.Rejected rejected = catchThrowableOfType(UpstreamFailure.Rejected.class,
				() -> this.gateway.start("app1", "task-1", SPEC));

		assertThat(rejected.code()).isEqualTo("InvalidParam");
		assertThat(requests("StartLiveMPUTask")).isEqualTo(1);
		assertThat(requests("ListRtcMPUTaskDetail")).isZero();
	}

	@Test
	void updateSucceedsAfterTheConnectionWasReset() {
		script("UpdateLiveMPUTask", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), ok("req-update"));

		assertThat(this.gateway.update("app1", "task-1", SPEC).requestId()).isEqualTo("req-update");
		assertThat(requests("UpdateLiveMPUTask")).isEqualTo(2);
	}

	@Test
	void startWhoseFirstAttemptFailedAfterSendingFindsItsOwnTask() {
		script("StartLiveMPUTask", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), error(400, "InvalidParam"));
		this.vendor.answer("ListRtcMPUTaskDetail",
				"""
						{"RequestId":"req-list","MPUTasks":[{"AppId":"app1","ChannelId":"ch1","TaskId":"task-1","MixMode":"0"}]}""");

		assertThat(this.gateway.start("app1", "task-1", SPEC).requestId()).isEqualTo("req-err");
		assertThat(requests("StartLiveMPUTask")).isEqualTo(2);
		assertThat(requests("ListRtcMPUTaskDetail")).isEqualTo(1);
	}

	/** Answers the action's requests in the given order; the last answer repeats. */
	private void script(String action, ResponseDefinitionBuilder... answers) {
		for (int i = 0; i < answers.length; i++) {
			String state = i == 0 ? STARTED : "answer-" + i;
			var stub = action(action).inScenario(action).whenScenarioStateIs(state).willReturn(answers[i]);
			if (i + 1 < answers.length) {
				stub.willSetStateTo("answer-" + (i + 1));
			}
			this.vendor.server.stubFor(stub);
		}
	}

	private static ResponseDefinitionBuilder ok(String requestId) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"RequestId\":\"" + requestId + "\"}");
	}

	private static ResponseDefinitionBuilder error(int status, String code) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"RequestId\":\"req-err\",\"HostId\":\"live.aliyuncs.com\",\"Code\":\"" + code
					+ "\",\"Message\":\"the message\"}");
	}

	private int requests(String action) {
		return this.vendor.server
			.findAll(postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo(action)))
			.size();
	}

}
