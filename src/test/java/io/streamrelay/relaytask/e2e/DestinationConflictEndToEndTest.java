package io.streamrelay.relaytask.e2e;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.RawRequests;
import io.streamrelay.testing.RawRequests.Reply;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP against the emulator: a destination one of our running tasks uses is
 * refused locally with 409 (start and PATCH) and the vendor sees no call; a stream URL
 * still cooling down at the vendor after a stop is answered with the documented
 * {@code Retry-After: 10}. The emulator's cool-down is set long so the test never races
 * it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:destination-conflict;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=10m", "streamrelay.reconciler.enabled=false",
				"streamrelay.security.requests-per-second-per-key=100000" })
class DestinationConflictEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@Test
	void aSecondStartOnADestinationInUseIs409WithoutAVendorCall() {
		int n = SEQUENCE.incrementAndGet();
		String destination = "rtmp://push.example.com/live/dc-key-" + n;
		String first = start("dc-first-" + n, destination + "?auth_key=1-0-0-sekrit-first");
		Map<String, Long> before = this.emulator.callCounts();

		Reply refused = send("POST", TASKS, startBody("dc-second-" + n,
				"RTMP://PUSH.example.com/live/dc-key-" + n + "?auth_key=1-0-0-sekrit-second"));

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.problemType()).isEqualTo("destination-in-use");
		assertThat(refused.json().get("usedByTaskId").asString()).isEqualTo(first);
		assertThat(refused.json().get("destination").asString())
			.isEqualTo("RTMP://PUSH.example.com/live/****?auth_key=****")
			.doesNotContain("dc-key-")
			.doesNotContain("sekrit-second");
		assertThat(refused.body()).doesNotContain("dc-key-")
			.doesNotContain("sekrit-second")
			.doesNotContain("sekrit-first");
		assertThat(this.emulator.callCounts()).isEqualTo(before);
		assertThat(send("GET", TASKS + "/dc-second-" + n, null).status()).isEqualTo(404);
	}

	@Test
	void aPatchOntoADestinationInUseIs409WithoutAVendorCall() {
		int n = SEQUENCE.incrementAndGet();
		String used = "rtmp://push.example.com/live/dc-used-" + n;
		String owner = start("dc-owner-" + n, used);
		String other = start("dc-other-" + n, "rtmp://push.example.com/live/dc-free-" + n);
		Map<String, Long> before = this.emulator.callCounts();

		Reply refused = send("PATCH", TASKS + "/" + other, "{\"destinations\":[\"" + used + "\"]}");

		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.problemType()).isEqualTo("destination-in-use");
		assertThat(refused.json().get("usedByTaskId").asString()).isEqualTo(owner);
		assertThat(this.emulator.callCounts()).isEqualTo(before);
		Reply unchanged = send("GET", TASKS + "/" + other, null);
		assertThat(unchanged.json().get("state").asString()).isEqualTo("active");
		// the task's own destination is not a conflict with itself
		Reply same = send("PATCH", TASKS + "/" + owner, "{\"destinations\":[\"" + used + "\"]}");
		assertThat(same.status()).as(same.body()).isEqualTo(200);
	}

	@Test
	void aStreamUrlCoolingDownAtTheVendorAnswersRetryAfterTen() {
		int n = SEQUENCE.incrementAndGet();
		String destination = "rtmp://push.example.com/live/dc-cool-" + n;
		String first = start("dc-cool-a-" + n, destination);
		assertThat(send("DELETE", TASKS + "/" + first, null).status()).isEqualTo(200);
		long startsBefore = this.emulator.callCount("StartLiveMPUTask");

		Reply refused = send("POST", TASKS, startBody("dc-cool-b-" + n, destination));

		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.problemType()).isEqualTo("upstream-rejected");
		assertThat(refused.header("Retry-After")).isEqualTo("10");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(startsBefore + 1);
	}

	private String start(String taskId, String destination) {
		Reply reply = send("POST", TASKS, startBody(taskId, destination));
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return taskId;
	}

	private static String startBody(String taskId, String destination) {
		return "{\"taskId\":\"" + taskId + "\",\"channelId\":\"dc\",\"mode\":\"single\",\"single\":{\"userId\":\""
				+ taskId + "\"},\"destinations\":[\"" + destination + "\"]}";
	}

	private Reply send(String method, String target, String body) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put("Authorization", TestKeys.BEARER_DEVELOPMENT);
		if (!"GET".equals(method)) {
			headers.put("Idempotency-Key", java.util.UUID.randomUUID().toString());
		}
		return new RawRequests(this.port).send(method, target, headers, body);
	}

}
