package io.streamrelay.observability;

import java.util.Map;

import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of a walkthrough: the request id taken, echoed, in every log line
 * and in problems; one log line per vendor call and per state change; the domain metrics
 * on /actuator/prometheus.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:observability;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false" })
class ObservabilityEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	@LocalServerPort
	int port;

	@Autowired
	FaultPlan faults;

	@AfterEach
	void clearFaults() {
		this.faults.clear();
	}

	TestHttp http() {
		return new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
	}

	@Test
	void aCallersRequestIdIsEchoedLoggedOnVendorCallsAndStateChangesAndCarriedInProblems(CapturedOutput output) {
		String taskId = MpuTaskIds.of("demo-app", "obs-room", "alice");
		TestHttp.Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"obs-room\",\"mode\":\"single\",\"single\":{\"userId\":\"alice\"}}",
				Map.of("X-Request-Id", "walkthrough-42"));

		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.header("X-Request-Id")).isEqualTo("walkthrough-42");
		assertThat(output.getOut())
			.containsPattern("\\[walkthrough-42\\] .*Vendor call StartLiveMPUTask app=demo-app task=" + taskId
					+ " outcome=ok vendorRequestId=\\S+ durationMs=\\d+");
		assertThat(output.getOut()).containsPattern("\\[walkthrough-42\\] .*Relay task demo-app/" + taskId
				+ " now starting .*\\n.*\\n?.*Relay task demo-app/" + taskId + " now active");

		TestHttp.Reply invalid = http().send("POST", TASKS, "{\"channelId\":\"\"}",
				Map.of("X-Request-Id", "walkthrough-43"));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("requestId").asString()).isEqualTo("walkthrough-43");
	}

	@Test
	void aRequestIdThatIsNotAPlainTokenIsReplacedByAGeneratedOne() {
		TestHttp.Reply reply = http().send("GET", TASKS + "/nope", null, Map.of("X-Request-Id", "two words <script>"));

		assertThat(reply.status()).isEqualTo(404);
		String generated = reply.header("X-Request-Id");
		assertThat(generated).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(reply.json().get("requestId").asString()).isEqualTo(generated);
	}

	@Test
	void aRequestWithoutAnIdGetsOneEvenWhenSecurityRefusesIt() {
		TestHttp.Reply reply = new TestHttp(this.port, "Bearer wrong-key").send("GET", TASKS, null);

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.header("X-Request-Id")).isNotBlank();
		assertThat(reply.json().get("requestId").asString()).isEqualTo(reply.header("X-Request-Id"));
	}

	@Test
	void aThrottledStartLeavesAWarningPerVendorAttemptWithTheVendorCode(CapturedOutput output) {
		this.faults.add(new FaultRule("StartLiveMPUTask", FaultRule.Kind.THROTTLING, FaultRule.UNTIL_CLEARED, 0,
				FaultRule.When.BEFORE));

		TestHttp.Reply refused = http().send("POST", TASKS,
				"{\"channelId\":\"obs-throttled\",\"mode\":\"single\",\"single\":{\"userId\":\"bob\"}}",
				Map.of("X-Request-Id", "throttled-1"));

		assertThat(refused.status()).as(refused.body()).isEqualTo(503);
		assertThat(output.getOut()).containsPattern("WARN .*\\[throttled-1\\] .*Vendor call StartLiveMPUTask"
				+ " app=demo-app task=\\S+ outcome=throttled code=Throttling.User vendorRequestId=\\S+");
	}

	@Test
	void prometheusShowsTheDomainMetricsToAnAdminKey() {
		String body = "{\"channelId\":\"obs-metrics\",\"mode\":\"single\",\"single\":{\"userId\":\"carol\"}}";
		Map<String, String> once = Map.of("Idempotency-Key", "obs-metrics-1");
		assertThat(http().send("POST", TASKS, body, once).status()).isEqualTo(201);
		assertThat(http().send("POST", TASKS, body, once).header("Idempotent-Replayed")).isEqualTo("true");

		TestHttp.Reply scrape = http().send("GET", "/actuator/prometheus", null);

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body())
			.contains("streamrelay_vendor_calls_seconds_count{app=\"demo-app\",code=\"none\","
					+ "operation=\"StartLiveMPUTask\",outcome=\"ok\"}")
			.containsPattern("streamrelay_tasks\\{state=\"active\"} [1-9]")
			.contains("streamrelay_idempotency_requests_total{outcome=\"replayed\"}")
			.contains("resilience4j_circuitbreaker_state{")
			.contains("resilience4j_retry_calls_total{")
			.contains("http_server_requests_seconds_count{");
		assertThat(new TestHttp(this.port, null).send("GET", "/actuator/prometheus", null).status()).isEqualTo(401);
	}

}
