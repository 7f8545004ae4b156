package io.streamrelay.e2e;

import io.streamrelay.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamrelay.emulator.EmulatedTask;
import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.relaytask.scheduling.ReconcilerJob;
import io.streamrelay.testing.TestHttp;
import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orphan guard over real HTTP and the real SDK against the emulator: a task past its
 * app's max-duration is stopped by a reconciler run (the service's clock is moved, no
 * sleeps); a relay another backend started through the vendor API is listed at
 * {@code …/unmanaged-relays} and, under policy {@code stop}, stopped by the same run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-orphans;DB_CLOSE_DELAY=-1",
				"spring.main.allow-bean-definition-overriding=true", "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.reconciler.enabled=false", "streamrelay.orphan-guard.apps.demo-app.max-duration=PT1H",
				"streamrelay.orphan-guard.apps.demo-app.unmanaged=stop" })
@Import(OrphanGuardEndToEndTest.TestClockConfiguration.class)
class OrphanGuardEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@Autowired
	ReconcilerJob reconciler;

	@Autowired
	MeterRegistry meters;

	E2eClient client;

	@BeforeEach
	void reset() {
		this.emulator.reset();
		this.client = new E2eClient(this.port);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	TestHttp http() {
		return new TestHttp(this.port, "Bearer srdev-local-emulator-only-do-not-use-in-production");
	}

	@Test
	void aTaskPastItsMaxDurationIsStoppedByAReconcilerRunWithOneStopAndItsReason() {
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"orphan-room1\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String taskId = started.json().path("taskId").asString();
		Instant startedAt = CLOCK.instant();
		assertThat(started.json().path("stopsAt").asString()).isEqualTo(startedAt.plus(Duration.ofHours(1)).toString());

		CLOCK.set(startedAt.plus(Duration.ofMinutes(59)));
		this.reconciler.runOnce();
		assertThat(http().send("GET", TASKS + "/" + taskId, null).json().path("state").asString()).isEqualTo("active");

		double before = this.meters.counter("streamrelay.orphans.stopped", "reason", "max-duration").count();
		CLOCK.set(startedAt.plus(Duration.ofHours(1)));
		this.reconciler.runOnce();

		JsonNode task = http().send("GET", TASKS + "/" + taskId, null).json();
		assertThat(task.path("state").asString()).isEqualTo("stopped");
		assertThat(task.has("stopsAt")).isFalse();
		assertThat(this.emulator.task("demo-app", taskId)).get()
			.extracting(EmulatedTask::state)
			.isEqualTo(EmulatedTask.State.STOPPED);
		// vendor calls per expired task: one StopLiveMPUTask
		assertThat(this.emulator.task("demo-app", taskId).orElseThrow().callCounts()).containsEntry("StopLiveMPUTask",
				1L);
		String events = http().send("GET", TASKS + "/" + taskId + "/events", null).body();
		assertThat(events).contains("MaxDurationExceeded", "max-duration PT1H");
		assertThat(this.meters.counter("streamrelay.orphans.stopped", "reason", "max-duration").count())
			.isEqualTo(before + 1);
	}

	@Test
	void aRelayStartedElsewhereIsListedForAdminsAndStoppedUnderPolicyStop() throws Exception {
		this.client.startLiveMpuTaskElsewhere("demo-app", "orphan-room2", "foreign-1",
				"rtmp://push.example.com/live/foreign1");
		Reply managed = http().send("POST", TASKS,
				"{\"channelId\":\"orphan-room3\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"}}");
		assertThat(managed.status()).as(managed.body()).isEqualTo(201);

		Reply listed = http().send("GET", "/v1/apps/demo-app/unmanaged-relays", null);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		assertThat(listed.json().path("policy").asString()).isEqualTo("stop");
		assertThat(listed.json().path("relays")).hasSize(1);
		assertThat(listed.json().path("relays").get(0).path("taskId").asString()).isEqualTo("foreign-1");
		assertThat(listed.json().path("relays").get(0).path("channelId").asString()).isEqualTo("orphan-room2");

		long listsBefore = this.emulator.callCount("ListRtcMPUTaskDetail");
		this.reconciler.runOnce();

		assertThat(this.emulator.task("demo-app", "foreign-1")).get()
			.extracting(EmulatedTask::state)
			.isEqualTo(EmulatedTask.State.STOPPED);
		assertThat(this.emulator.task("demo-app", managed.json().path("taskId").asString())).get()
			.extracting(EmulatedTask::state)
			.isEqualTo(EmulatedTask.State.RUNNING);
		// vendor calls per reconciler pass for the app: one list page; one stop per
		// unmanaged relay
		assertThat(this.emulator.callCount("ListRtcMPUTaskDetail") - listsBefore).isEqualTo(1);
		assertThat(this.emulator.task("demo-app", "foreign-1").orElseThrow().callCounts())
			.containsEntry("StopLiveMPUTask", 1L);
		assertThat(http().send("GET", "/v1/apps/demo-app/unmanaged-relays", null).json().path("relays")).isEmpty();
		assertThat(this.meters.get("streamrelay.orphans.unmanaged").tag("app", "demo-app").gauge().value()).isZero();
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
