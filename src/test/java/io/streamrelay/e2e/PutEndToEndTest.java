package io.streamrelay.e2e;

import java.util.Map;

import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT …/relay-tasks/{taskId}} over real HTTP, through the real SDK to the
 * emulator: the vendor calls each PUT causes (counted at the emulator), preconditions,
 * immutable fields (docs/aliyun-mpu-api.md §2.2) and idempotency.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-put;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false" })
class PutEndToEndTest extends EmulatorBackedEndToEnd {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	/**
	 * Every task its own channel, so its own default push URL: tasks the other tests left
	 * running would otherwise hold it (409 destination-in-use).
	 */
	static String single(String room) {
		return "{\"channelId\":\"" + room + "\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"}}";
	}

	static String mixed(String room) {
		return "{\"channelId\":\"" + room + "\",\"mode\":\"mixed\",\"mixed\":{\"users\":"
				+ "[{\"userId\":\"host\"},{\"userId\":\"guest\"}],\"layout\":{\"panes\":[{\"x\":0,\"y\":0,\"width\":0.5,"
				+ "\"height\":1,\"userId\":\"host\"},{\"x\":0.5,\"y\":0,\"width\":0.5,\"height\":1,\"userId\":\"guest\"}]}}}";
	}

	@Test
	void startsThenUpdatesThenSendsNothingCountingVendorCallsPerPut() {
		Reply started = put("put-1", single("put-1"), Map.of());
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.header("Location")).isEqualTo(TASKS + "/put-1");
		assertThat(started.header("Streamrelay-Effect")).isEqualTo("started");
		assertThat(calls()).isEqualTo(Map.of("StartLiveMPUTask", 1L));

		Reply same = put("put-1", single("put-1"), Map.of());
		assertThat(same.status()).isEqualTo(200);
		assertThat(same.header("Streamrelay-Effect")).isEqualTo("unchanged");
		assertThat(calls()).as("the same spec again: no vendor call").isEqualTo(Map.of("StartLiveMPUTask", 1L));

		Reply updated = put("put-1", mixed("put-1"), Map.of());
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.header("Streamrelay-Effect")).isEqualTo("updated");
		assertThat(updated.json().path("mode").asString()).isEqualTo("mixed");
		assertThat(calls()).isEqualTo(Map.of("StartLiveMPUTask", 1L, "UpdateLiveMPUTask", 1L));

		assertThat(http().send("DELETE", TASKS + "/put-1", null).status()).isEqualTo(200);
		Reply restarted = put("put-1", mixed("put-1"), Map.of());
		assertThat(restarted.status()).isEqualTo(201);
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(2);
	}

	@Test
	void ifNoneMatchStarStartsOnlyWhenNothingRuns() {
		Map<String, String> createOnly = Map.of("If-None-Match", "*");
		assertThat(put("put-2", single("put-2"), createOnly).status()).isEqualTo(201);

		Reply again = put("put-2", single("put-2"), createOnly);

		assertThat(again.status()).isEqualTo(412);
		assertThat(again.body()).contains("precondition-failed");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(1);
	}

	@Test
	void ifMatchMustNameTheCurrentVersion() {
		Reply started = put("put-3", single("put-3"), Map.of());
		String etag = started.header("ETag");

		assertThat(put("put-3", mixed("put-3"), Map.of("If-Match", "\"1\"")).status()).isEqualTo(412);
		assertThat(put("put-absent", mixed("put-absent"), Map.of("If-Match", "\"1\"")).status()).isEqualTo(412);
		assertThat(put("put-3", mixed("put-3"), Map.of("If-Match", etag)).status()).isEqualTo(200);
		assertThat(this.emulator.callCount("UpdateLiveMPUTask")).isEqualTo(1);
	}

	@Test
	void aFieldTheUpdateCannotChangeIs409NamingItWithTheHintToStopFirst() {
		put("put-4", single("put-4"), Map.of());

		Reply refused = put("put-4", single("put-4").replace("}}", "},\"maxIdleSeconds\":60}"), Map.of());

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().path("type").asString()).endsWith("/field-immutable");
		assertThat(refused.json().path("field").asString()).isEqualTo("maxIdleSeconds");
		assertThat(refused.json().path("detail").asString()).contains("Stop the task first");
		assertThat(this.emulator.callCount("UpdateLiveMPUTask")).isZero();
	}

	@Test
	void aBodyTaskIdOtherThanThePathsIs400() {
		Reply refused = put("put-5", single("put-5").replace("{\"channelId\"", "{\"taskId\":\"other\",\"channelId\""),
				Map.of());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"taskId\"");
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyIsReplayed() {
		Map<String, String> key = Map.of("Idempotency-Key", "put-6-first");
		Reply first = put("put-6", single("put-6"), key);
		Reply retry = put("put-6", single("put-6"), key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(1);
	}

	private Reply put(String taskId, String body, Map<String, String> headers) {
		return http().send("PUT", TASKS + "/" + taskId, body, headers);
	}

	private Map<String, Long> calls() {
		Map<String, Long> counts = new java.util.TreeMap<>(this.emulator.callCounts());
		counts.values().removeIf((count) -> count == 0);
		return counts;
	}

}
