package io.streamrelay.e2e;

import io.streamrelay.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.streamrelay.emulator.EmulatedTask;
import io.streamrelay.relaytask.scheduling.ReconcilerJob;
import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of the orphan guard over real HTTP and the real SDK against the emulator: a
 * task's own maxDurationSeconds (changed by PATCH with no vendor call) decides when it is
 * stopped; under policy {@code adopt} a relay started elsewhere becomes a task, stoppable
 * by DELETE; every action is in the stored history; health shows the last pass's counts.
 * The service's clock is moved, no sleeps.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-adoption;DB_CLOSE_DELAY=-1",
				"spring.main.allow-bean-definition-overriding=true", "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.reconciler.enabled=false", "streamrelay.orphan-guard.apps.demo-app.max-duration=PT1H",
				"streamrelay.orphan-guard.apps.demo-app.unmanaged=adopt" })
@Import(OrphanAdoptionEndToEndTest.TestClockConfiguration.class)
class OrphanAdoptionEndToEndTest extends EmulatorBackedEndToEnd {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));

	@Autowired
	ReconcilerJob reconciler;

	@Test
	void aTasksOwnMaxDurationChangedByPatchWithNoVendorCallDecidesWhenItIsStopped() {
		Instant startedAt = CLOCK.instant();
		Reply started = http().send("POST", TASKS, "{\"taskId\":\"own-limit\",\"channelId\":\"adopt-room1\","
				+ "\"mode\":\"single\",\"single\":{\"userId\":\"host\"},\"maxDurationSeconds\":600}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.json().path("spec").path("maxDurationSeconds").asInt()).isEqualTo(600);
		assertThat(started.json().path("stopsAt").asString()).isEqualTo(startedAt.plusSeconds(600).toString());

		CLOCK.set(startedAt.plusSeconds(300));
		Reply patched = http().send("PATCH", TASKS + "/own-limit", "{\"maxDurationSeconds\":7200}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().path("stopsAt").asString())
			.as("the app's PT1H no longer applies; the clock is not reset")
			.isEqualTo(startedAt.plusSeconds(7200).toString());
		assertThat(this.emulator.task("demo-app", "own-limit").orElseThrow().callCounts())
			.doesNotContainKey("UpdateLiveMPUTask");

		CLOCK.set(startedAt.plus(Duration.ofHours(1)));
		this.reconciler.runOnce();
		assertThat(http().send("GET", TASKS + "/own-limit", null).json().path("state").asString()).isEqualTo("active");

		CLOCK.set(startedAt.plus(Duration.ofHours(2)));
		this.reconciler.runOnce();
		assertThat(http().send("GET", TASKS + "/own-limit", null).json().path("state").asString()).isEqualTo("stopped");
		assertThat(this.emulator.task("demo-app", "own-limit").orElseThrow().callCounts())
			.containsEntry("StopLiveMPUTask", 1L);
		assertThat(http().send("GET", TASKS + "/own-limit/events", null).body()).contains("MaxDurationExceeded",
				"its maxDurationSeconds 7200 (PT2H)", "maxDurationSeconds set to 7200");
	}

	@Test
	void aMaxDurationOutsideItsRangeIsA400NamingTheFieldAndNothingIsSent() {
		Reply refused = http().send("POST", TASKS, "{\"taskId\":\"too-short\",\"channelId\":\"adopt-room9\","
				+ "\"mode\":\"single\",\"single\":{\"userId\":\"host\"},\"maxDurationSeconds\":59}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"maxDurationSeconds\"", "between 60 and 604800");
		assertThat(this.emulator.task("demo-app", "too-short")).isEmpty();
	}

	@Test
	void aRelayStartedElsewhereIsAdoptedRecordedOnceCountedInHealthAndStoppedByDelete() throws Exception {
		try (E2eClient client = new E2eClient(this.port)) {
			client.startLiveMpuTaskElsewhere("demo-app", "adopt-room2", "foreign-adopt",
					"rtmp://push.example.com/live/foreign-adopt");
		}
		Reply health = http().send("GET", "/actuator/health/orphanGuard", null);
		assertThat(health.status()).as(health.body()).isEqualTo(200);
		assertThat(health.json().path("status").asString()).isEqualTo("UP");

		this.reconciler.runOnce();
		this.reconciler.runOnce();

		JsonNode task = http().send("GET", TASKS + "/foreign-adopt", null).json();
		assertThat(task.path("state").asString()).isEqualTo("active");
		assertThat(task.path("origin").asString()).isEqualTo("adopted");
		assertThat(task.path("channelId").asString()).isEqualTo("adopt-room2");
		assertThat(task.path("stopsAt").asString()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)).toString());
		assertThat(this.emulator.task("demo-app", "foreign-adopt").orElseThrow().callCounts())
			.as("adoption sends nothing to the vendor")
			.doesNotContainKeys("StopLiveMPUTask", "UpdateLiveMPUTask");

		JsonNode history = http().send("GET", "/v1/apps/demo-app/unmanaged-relays/history", null).json();
		assertThat(history.path("items")
			.valueStream()
			.filter((item) -> item.path("taskId").asString().equals("foreign-adopt"))
			.map((item) -> item.path("action").asString() + "/" + item.path("outcome").asString())
			.toList()).as("two passes: reported once, adopted once")
			.containsExactly("reported/noted", "adopted/succeeded");
		assertThat(http().send("GET", "/v1/apps/demo-app/unmanaged-relays", null).json().path("relays")).isEmpty();

		JsonNode guard = http().send("GET", "/actuator/health/orphanGuard", null).json();
		assertThat(guard.path("status").asString()).isEqualTo("UP");
		assertThat(guard.path("details").path("apps").path("demo-app").path("unmanaged").asInt()).isZero();
		assertThat(guard.path("details").path("apps").path("demo-app").path("policy").asString()).isEqualTo("adopt");
		assertThat(guard.path("details").has("lastPassAt")).isTrue();

		Reply incomplete = http().send("PATCH", TASKS + "/foreign-adopt", "{\"maxDurationSeconds\":120}");
		assertThat(incomplete.status()).as("the vendor's list did not tell the user: the spec must be given whole")
			.isEqualTo(400);
		assertThat(incomplete.body()).contains("\"field\":\"single\"");

		Reply stopped = http().send("DELETE", TASKS + "/foreign-adopt", null);
		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertThat(this.emulator.task("demo-app", "foreign-adopt")).get()
			.extracting(EmulatedTask::state)
			.isEqualTo(EmulatedTask.State.STOPPED);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		Clock clock() {
			return CLOCK;
		}

	}

}
