package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.usecase.CoreFixtures;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The max-duration rules and the guard, without Spring, on an injected clock. */
class MaxDurationGuardTest {

	static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

	final AtomicReference<Instant> now = new AtomicReference<>(T0);

	final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return MaxDurationGuardTest.this.now.get();
		}

	};

	final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	final RecordingGateway gateway = new RecordingGateway();

	final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			this.clock);

	final MaxDurations limits = new MaxDurations(Map.of("app1", Duration.ofHours(12)));

	final MaxDurationGuard guard = new MaxDurationGuard(this.tasks, this.gateway, this.clock, this.limits);

	@Test
	void stopsAtIsTheLimitAfterTheTaskBecameActiveAndAbsentWithoutALimitOrWhenNotRunning() {
		assertThat(this.limits.stopsAt("app1", Optional.of(T0))).contains(T0.plus(Duration.ofHours(12)));
		assertThat(this.limits.stopsAt("other-app", Optional.of(T0))).isEmpty();
		assertThat(this.limits.stopsAt("app1", Optional.empty())).isEmpty();
		assertThat(this.limits.expired("app1", T0, T0.plus(Duration.ofHours(12)).minusMillis(1))).isFalse();
		assertThat(this.limits.expired("app1", T0, T0.plus(Duration.ofHours(12)))).isTrue();
		assertThat(this.limits.expired("other-app", T0, T0.plus(Duration.ofDays(365)))).isFalse();
	}

	@Test
	void aLimitMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MaxDurations(Map.of("app1", Duration.ZERO)))
			.withMessageContaining("max-duration of app app1 must be positive");
	}

	@Test
	void aTaskPastItsLimitIsStoppedWithOneStopAndTheReasonInItsHistory() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));
		this.now.set(T0.plus(Duration.ofHours(11)));
		assertThat(this.guard.stopExpired(100)).isZero();

		this.now.set(T0.plus(Duration.ofHours(12)));
		assertThat(this.guard.stopExpired(100)).isEqualTo(1);

		assertThat(this.tasks.find("app1", "t1")).get().extracting(RelayTask::state).isEqualTo(RelayTaskState.STOPPED);
		assertThat(this.gateway.calls().stream().filter((call) -> call.action().equals("stop")).count()).isEqualTo(1);
		RelayTaskEvent last = this.tasks.lastEvent("app1", "t1").orElseThrow();
		assertThat(last.action()).isEqualTo(Action.STOP);
		assertThat(last.outcome()).isEqualTo(Outcome.SUCCEEDED);
		assertThat(last.errorCode()).isEqualTo("MaxDurationExceeded");
		assertThat(last.detail()).contains("max-duration PT12H", "running since " + T0);
		assertThat(this.guard.stopExpired(100)).as("nothing left to stop").isZero();
	}

	@Test
	void anUpdateDoesNotRestartTheClockButARestartDoes() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));
		this.now.set(T0.plus(Duration.ofHours(6)));
		this.service.update(this.tasks.find("app1", "t1").orElseThrow(), CoreFixtures.single("c", "u2"));
		assertThat(this.tasks.runningSince("app1", "t1")).contains(T0);
		this.service.stop("app1", "t1");
		assertThat(this.tasks.runningSince("app1", "t1")).isEmpty();
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));

		this.now.set(T0.plus(Duration.ofHours(12)));
		assertThat(this.guard.stopExpired(100)).isZero();
		assertThat(this.tasks.runningSince("app1", "t1")).contains(T0.plus(Duration.ofHours(6)));
	}

	@Test
	void aTaskOfAnAppWithoutALimitRunsOn() {
		this.service.start("app2", "t1", CoreFixtures.single("c", "u1"));
		this.now.set(T0.plus(Duration.ofDays(30)));

		assertThat(this.guard.stopExpired(100)).isZero();
		assertThat(this.tasks.find("app2", "t1")).get().extracting(RelayTask::state).isEqualTo(RelayTaskState.ACTIVE);
	}

	@Test
	void aFailedStopLeavesTheTaskStoppingForTheReconciler() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));
		this.now.set(T0.plus(Duration.ofHours(13)));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));

		assertThat(this.guard.stopExpired(100)).isZero();

		RelayTask task = this.tasks.find("app1", "t1").orElseThrow();
		assertThat(task.state()).isEqualTo(RelayTaskState.STOPPING);
		assertThat(task.outcomeUnknown()).isTrue();
	}

	long updates() {
		return this.gateway.calls().stream().filter((call) -> call.action().equals("update")).count();
	}

	@Test
	void aTasksOwnShorterLimitStopsItBeforeItsAppsAndSaysWhichLimit() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1").withMaxDurationSeconds(600));
		assertThat(this.limits.stopsAt("app1", this.tasks.find("app1", "t1").orElseThrow().spec(), Optional.of(T0)))
			.contains(T0.plusSeconds(600));
		this.now.set(T0.plusSeconds(599));
		assertThat(this.guard.stopExpired(100)).isZero();

		this.now.set(T0.plusSeconds(600));
		assertThat(this.guard.stopExpired(100)).isEqualTo(1);

		RelayTaskEvent last = this.tasks.lastEvent("app1", "t1").orElseThrow();
		assertThat(last.errorCode()).isEqualTo("MaxDurationExceeded");
		assertThat(last.detail()).contains("its maxDurationSeconds 600 (PT10M)", "running since " + T0);
	}

	@Test
	void aTasksOwnLongerLimitReplacesItsAppsLimit() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1").withMaxDurationSeconds(86400));
		this.now.set(T0.plus(Duration.ofHours(13)));

		assertThat(this.guard.stopExpired(100)).isZero();
		assertThat(this.tasks.find("app1", "t1")).get().extracting(RelayTask::state).isEqualTo(RelayTaskState.ACTIVE);

		this.now.set(T0.plus(Duration.ofHours(24)));
		assertThat(this.guard.stopExpired(100)).isEqualTo(1);
	}

	@Test
	void aTasksOwnLimitAppliesInAnAppWithoutALimit() {
		this.service.start("app2", "t1", CoreFixtures.single("c", "u1").withMaxDurationSeconds(3600));
		this.now.set(T0.plus(Duration.ofHours(1)));

		assertThat(this.guard.stopExpired(100)).isEqualTo(1);
		assertThat(this.tasks.find("app2", "t1")).get().extracting(RelayTask::state).isEqualTo(RelayTaskState.STOPPED);
	}

	@Test
	void changingOnlyTheOwnLimitSendsNothingKeepsTheClockAndIsInTheHistory() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));
		this.now.set(T0.plus(Duration.ofHours(2)));
		RelayTask current = this.tasks.find("app1", "t1").orElseThrow();

		RelayTask changed = this.service.update(current, current.spec().withMaxDurationSeconds(3 * 3600));

		assertThat(updates()).isZero();
		assertThat(changed.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(changed.spec().maxDurationSeconds()).isEqualTo(3 * 3600);
		assertThat(this.tasks.runningSince("app1", "t1")).contains(T0);
		RelayTaskEvent last = this.tasks.lastEvent("app1", "t1").orElseThrow();
		assertThat(last.action()).isEqualTo(Action.UPDATE);
		assertThat(last.outcome()).isEqualTo(Outcome.NO_CALL);
		assertThat(last.detail()).contains("maxDurationSeconds set to 10800", "nothing sent");

		this.now.set(T0.plus(Duration.ofHours(3)));
		assertThat(this.guard.stopExpired(100)).isEqualTo(1);
	}

	@Test
	void changingTheOwnLimitTogetherWithTheSpecSendsOneUpdate() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));
		RelayTask current = this.tasks.find("app1", "t1").orElseThrow();

		RelayTask changed = this.service.update(current, CoreFixtures.single("c", "u2").withMaxDurationSeconds(600));

		assertThat(updates()).isEqualTo(1);
		assertThat(changed.spec().maxDurationSeconds()).isEqualTo(600);
	}

	@Test
	void countsTheTasksPastTheirLimitThatAreStillRunningAfterThePass() {
		this.service.start("app1", "t1", CoreFixtures.single("c", "u1"));
		this.service.start("app2", "t2", CoreFixtures.single("c", "u2").withMaxDurationSeconds(60));
		assertThat(this.guard.stopExpired(100)).isZero();
		assertThat(this.guard.lastOverAge()).containsExactlyEntriesOf(Map.of("app1", 0));

		this.now.set(T0.plus(Duration.ofHours(13)));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));
		assertThat(this.guard.stopExpired(100)).isZero();

		assertThat(this.guard.lastOverAge()).containsEntry("app1", 1).containsEntry("app2", 1);
	}

	@Test
	void refusesAnOwnLimitOutsideOneMinuteToSevenDays() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoreFixtures.single("c", "u1").withMaxDurationSeconds(59));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CoreFixtures.single("c", "u1").withMaxDurationSeconds(604801));
		assertThat(CoreFixtures.single("c", "u1").withMaxDurationSeconds(604800).maxDurationSeconds())
			.isEqualTo(604800);
	}

}
