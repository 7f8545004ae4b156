package io.streamrelay.e2e;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.emulator.FaultRule.Kind;
import io.streamrelay.emulator.FaultRule.When;
import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.testing.TestHttp;
import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle promises of the README over real HTTP, as a new user meets them: a
 * retried stop after an unknown outcome answers what the vendor did, {@code "sei": null}
 * takes the app's default again, and the ETag is the version.
 */
// without vendor callbacks: the decisions below are those taken when no event has arrived
// (one that does settles the stop, see VendorEventsEndToEndTest)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-decisions;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false",
				"streamrelay.emulator.events.callbacks=false" })
class LifecycleDecisionsEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	@LocalServerPort
	int port;

	@Autowired
	FaultPlan faults;

	@Autowired
	EmulatorState emulator;

	@AfterEach
	void clearFaults() {
		this.faults.clear();
	}

	TestHttp http() {
		return new TestHttp(this.port, "Bearer srdev-local-emulator-only-do-not-use-in-production");
	}

	@Test
	void aRetriedStopOfAStopOfUnknownOutcomeAnswersTheThrottlingAndStaysStopping() {
		String taskId = MpuTaskIds.of("demo-app", "retry-room", "host");
		assertThat(http()
			.send("POST", TASKS,
					"{\"channelId\":\"retry-room\",\"mode\":\"single\"," + "\"single\":{\"userId\":\"host\"}}")
			.status()).isEqualTo(201);
		// the vendor stops the relay but every answer is lost: outcome unknown
		this.faults.add(new FaultRule("StopLiveMPUTask", Kind.DROP_CONNECTION, 3, 0, When.AFTER));
		assertThat(http().send("DELETE", TASKS + "/" + taskId, null).status()).isEqualTo(502);
		int historyBefore = history(taskId).size();
		this.faults.clear();
		this.faults.add(FaultRule.always("StopLiveMPUTask", Kind.THROTTLING));

		Reply retried = http().send("DELETE", TASKS + "/" + taskId, null);

		assertThat(retried.status()).as(retried.body()).isEqualTo(503);
		assertThat(retried.header("Retry-After")).isNotBlank();
		assertThat(retried.json().get("type").asString()).endsWith("/upstream-throttled");
		JsonNode task = http().send("GET", TASKS + "/" + taskId, null).json();
		assertThat(task.get("state").asString()).isEqualTo("stopping");
		assertThat(task.get("outcomeUnknown").asBoolean()).isTrue();
		JsonNode history = history(taskId);
		assertThat(history.size()).isEqualTo(historyBefore + 1);
		JsonNode last = history.get(history.size() - 1);
		assertThat(last.get("action").asString()).isEqualTo("stop");
		assertThat(last.get("errorCode").asString()).startsWith("Throttling");
		assertThat(last.get("state").asString()).isEqualTo("stopping");
	}

	@Test
	void seiNullInAMergePatchTakesTheAppDefaultAgainAndSaysSo() {
		String taskId = MpuTaskIds.of("demo-app", "sei-room", "host");
		Reply started = http().send("POST", TASKS, "{\"channelId\":\"sei-room\",\"mode\":\"single\","
				+ "\"single\":{\"userId\":\"host\"},\"sei\":{\"layoutVolume\":{\"intervalMs\":4000}}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.json().at("/spec/sei/layoutVolume/intervalMs").asInt()).isEqualTo(4000);

		Reply patched = http().send("PATCH", TASKS + "/" + taskId, "{\"sei\":null}");

		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		// demo-app's default SEI (config/streamrelay.yml): every 2000 ms and with IDR
		// frames
		assertThat(patched.json().at("/spec/sei/layoutVolume/intervalMs").asInt()).isEqualTo(2000);
		String sent = this.emulator.task("demo-app", taskId).orElseThrow().params().get("SeiParams");
		assertThat(sent).contains("\"Interval\":\"2000\"");
	}

	@Test
	void theEtagIsTheVersionAndChangesWithEveryWrite() {
		String taskId = MpuTaskIds.of("demo-app", "etag-room", "host");
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"etag-room\",\"mode\":\"single\"," + "\"single\":{\"userId\":\"host\"}}");
		String version = started.json().get("version").asString();
		assertThat(started.header("ETag")).isEqualTo("\"" + version + "\"");
		assertThat(http().send("GET", TASKS + "/" + taskId, null).header("ETag")).isEqualTo(started.header("ETag"));

		Reply patched = http().send("PATCH", TASKS + "/" + taskId, "{\"single\":{\"streamType\":\"audio\"}}");

		assertThat(patched.header("ETag")).isNotEqualTo(started.header("ETag"))
			.isEqualTo("\"" + patched.json().get("version").asString() + "\"");
	}

	private JsonNode history(String taskId) {
		return http().send("GET", TASKS + "/" + taskId + "/events", null).json().get("items");
	}

}
