package io.streamrelay.e2e;

import java.util.Map;

import io.streamrelay.emulator.EmulatedTask;
import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST …/sei} over real HTTP, through the real SDK's SetLiveMpuTaskSeiRequest to
 * the emulator (docs/aliyun-mpu-api.md §2.8): one vendor call per request, idempotent,
 * 409 unless running, the vendor's refusal mapped as for updates, the history without the
 * content.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-sei;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false" })
class SeiEndToEndTest extends EmulatorBackedEndToEnd {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	@Test
	void insertsTheSeiWithOneVendorCallAndRecordsOnlyItsDigest() {
		String taskId = start("sei-room1");

		Reply sent = http().send("POST", TASKS + "/" + taskId + "/sei",
				"{\"content\":{\"gift\":\"rocket\",\"from\":\"secret-fan-canary\"}}");

		assertThat(sent.status()).as(sent.body()).isEqualTo(200);
		JsonNode body = sent.json();
		String customSei = "{\"gift\":\"rocket\",\"from\":\"secret-fan-canary\"}";
		assertThat(body.path("contentLength").asInt()).isEqualTo(customSei.length());
		assertThat(body.path("contentSha256").asString()).hasSize(64);
		assertThat(body.path("upstreamRequestId").asString()).isNotBlank();
		assertThat(this.emulator.task("demo-app", taskId)).get()
			.extracting(EmulatedTask::lastCustomSei)
			.isEqualTo(customSei);
		// vendor calls per user action: one SetLiveMpuTaskSei per SEI request
		assertThat(this.emulator.callCount("SetLiveMpuTaskSei")).isEqualTo(1);
		String events = http().send("GET", TASKS + "/" + taskId + "/events", null).body();
		assertThat(events).contains("\"action\":\"sei\"", body.path("contentSha256").asString())
			.doesNotContain("secret-fan-canary");
	}

	@Test
	void aStringIsSentAsAJsonStringLiteral() {
		String taskId = start("sei-room2");

		assertThat(http().send("POST", TASKS + "/" + taskId + "/sei", "{\"content\":\"hello \\\"world\\\"\"}").status())
			.isEqualTo(200);

		assertThat(this.emulator.task("demo-app", taskId)).get()
			.extracting(EmulatedTask::lastCustomSei)
			.isEqualTo("\"hello \\\"world\\\"\"");
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyIsReplayedWithoutASecondVendorCall() {
		String taskId = start("sei-room3");
		Map<String, String> key = Map.of("Idempotency-Key", "sei-7f1c");

		Reply first = http().send("POST", TASKS + "/" + taskId + "/sei", "{\"content\":{\"q\":1}}", key);
		Reply retry = http().send("POST", TASKS + "/" + taskId + "/sei", "{\"content\":{\"q\":1}}", key);

		assertThat(first.status()).isEqualTo(200);
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(this.emulator.callCount("SetLiveMpuTaskSei")).isEqualTo(1);
	}

	@Test
	void aStoppedTaskIs409AndTheVendorIsNotCalled() {
		String taskId = start("sei-room4");
		assertThat(http().send("DELETE", TASKS + "/" + taskId, null).status()).isEqualTo(200);

		Reply refused = http().send("POST", TASKS + "/" + taskId + "/sei", "{\"content\":{\"q\":1}}");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("task-state-conflict");
		assertThat(this.emulator.callCount("SetLiveMpuTaskSei")).isZero();
	}

	@Test
	void badContentIs400NamingTheFieldBeforeAnyVendorCall() {
		String taskId = start("sei-room5");

		Reply tooLong = http().send("POST", TASKS + "/" + taskId + "/sei",
				"{\"content\":\"" + "x".repeat(4095) + "\"}");
		Reply number = http().send("POST", TASKS + "/" + taskId + "/sei", "{\"content\":42}");
		Reply missing = http().send("POST", TASKS + "/" + taskId + "/sei", "{}");

		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("\"field\":\"content\"", "4096");
		assertThat(number.status()).isEqualTo(400);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(this.emulator.callCount("SetLiveMpuTaskSei")).isZero();
	}

	@Test
	void theVendorsRefusalIs422WithItsCodeAndRecorded() {
		String taskId = start("sei-room6");
		// the vendor ended the relay by itself: it refuses SEI for a task it no longer
		// runs; its end event is held back (a slow callback) until the next delivery, so
		// that the SEI request reaches the vendor instead of the 409 a stopped task gets
		assertThat(http().send("POST", "/emulator/callbacks/faults", "{\"mode\":\"reorder\"}").status()).isEqualTo(201);
		assertThat(this.emulator.vanish("demo-app", taskId)).isTrue();

		Reply refused = http().send("POST", TASKS + "/" + taskId + "/sei", "{\"content\":{\"q\":1}}");
		assertThat(http().send("DELETE", "/emulator/callbacks/faults", null).status()).isEqualTo(204);

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().path("upstreamCode").asString()).isNotBlank();
		assertThat(http().send("GET", TASKS + "/" + taskId + "/events", null).body()).contains("\"action\":\"sei\"",
				"\"outcome\":\"rejected\"");
	}

	private String start(String channelId) {
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"" + channelId + "\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		return started.json().path("taskId").asString();
	}

}
