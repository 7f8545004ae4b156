package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.StreamType;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.usecase.CoreFixtures;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RelayTaskReconcilerTest {

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
			return RelayTaskReconcilerTest.this.now.get();
		}

	};

	final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	final RecordingGateway gateway = new RecordingGateway();

	final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			this.clock);

	final RelayTaskReconciler reconciler = new RelayTaskReconciler(this.tasks, this.gateway, this.clock);

	static RelaySpec single(String channel, String user) {
		return CoreFixtures.single(channel, user);
	}

	RelayTask startWithUnknownOutcome(String taskId) {
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));
		try {
			this.service.start("app1", taskId, single("c", taskId));
		}
		catch (UpstreamFailure.TimedOut expected) {
			// the outcome is unknown: the task stays STARTING
		}
		this.gateway.reset();
		return this.tasks.find("app1", taskId).orElseThrow();
	}

	void later(Duration duration) {
		this.now.set(this.now.get().plus(duration));
	}

	List<RelayTaskEvent> reconcileEvents(String taskId) {
		return this.tasks.events("app1", taskId).stream().filter((e) -> e.action() == Action.RECONCILE).toList();
	}

	@Test
	void leavesYoungTransitionalTasksAloneDuringTheGracePeriod() {
		startWithUnknownOutcome("t1");
		later(Duration.ofSeconds(30));
		RelayTaskReconciler.Report report = this.reconciler.reconcile(100, Duration.ofMinutes(2));
		assertThat(report.examined()).isZero();
		assertThat(this.gateway.calls()).isEmpty();
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STARTING);
	}

	@Test
	void finishesAStartTheVendorRuns() {
		startWithUnknownOutcome("t1");
		later(Duration.ofMinutes(3));
		this.gateway.describeFinds(true);
		RelayTaskReconciler.Report report = this.reconciler.reconcile(100, Duration.ofMinutes(2));
		assertThat(report.resolved()).isEqualTo(1);
		RelayTask task = this.tasks.find("app1", "t1").orElseThrow();
		assertThat(task.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(task.lastError()).isNull();
		assertThat(reconcileEvents("t1")).singleElement()
			.extracting(RelayTaskEvent::outcome)
			.isEqualTo(RelayTaskEvent.Outcome.OBSERVED);
	}

	@Test
	void failsAStartTheVendorDoesNotRun() {
		startWithUnknownOutcome("t1");
		later(Duration.ofMinutes(3));
		this.gateway.describeFinds(false);
		this.reconciler.reconcile(100, Duration.ofMinutes(2));
		RelayTask task = this.tasks.find("app1", "t1").orElseThrow();
		assertThat(task.state()).isEqualTo(RelayTaskState.FAILED);
		assertThat(task.lastError().code()).isEqualTo("NotRunning");
	}

	@Test
	void rollsAStuckUpdateForwardWithThePendingSpec() {
		this.service.start("app1", "t1", single("c", "u1"));
		RelayTask active = this.tasks.find("app1", "t1").orElseThrow();
		this.gateway.failWith(() -> new UpstreamFailure.BadResponse("InternalError", "boom", "R1"));
		RelaySpec next = new RelaySpec("c", RelayMode.SINGLE, new SingleSource("u1", StreamType.AUDIO, null), null,
				active.spec().destinations(), active.spec().sei(), null, null);
		try {
			this.service.update("app1", "t1", active.version(), next);
		}
		catch (UpstreamFailure.BadResponse expected) {
			// outcome unknown: UPDATING with the pending spec
		}
		this.gateway.reset();
		later(Duration.ofMinutes(3));
		this.reconciler.reconcile(100, Duration.ofMinutes(2));
		RelayTask task = this.tasks.find("app1", "t1").orElseThrow();
		assertThat(task.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(task.spec().single().streamType()).isEqualTo(StreamType.AUDIO);
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::action).containsExactly("update");
		assertThat(this.gateway.calls().get(0).spec()).isEqualTo(next.withSei(active.spec().sei()));
	}

	@Test
	void rollsAStuckStopForwardAndTreatsNotRunningAsStopped() {
		this.service.start("app1", "t1", single("c", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));
		try {
			this.service.stop("app1", "t1");
		}
		catch (UpstreamFailure.TimedOut expected) {
			// outcome unknown: STOPPING
		}
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STOPPING);
		this.gateway.reset();
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParam", "task not found", "R2", 400));
		this.gateway.describeFinds(false);
		later(Duration.ofMinutes(3));
		this.reconciler.reconcile(100, Duration.ofMinutes(2));
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STOPPED);
	}

	@Test
	void marksStoppedWhatTheVendorStoppedByItselfWithTheReasonInTheHistory() {
		this.service.start("app1", "t1", single("c", "u1"));
		this.service.start("app1", "t2", single("c", "u2"));
		this.gateway.reset();
		this.gateway.describeFinds(false);
		later(Duration.ofMinutes(3));
		RelayTaskReconciler.Report report = this.reconciler.reconcile(100, Duration.ofMinutes(2));
		assertThat(report.drifted()).isEqualTo(2);
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(reconcileEvents("t1")).singleElement().satisfies((e) -> {
			assertThat(e.errorCode()).isEqualTo("StoppedByVendor");
			assertThat(e.detail()).contains("all users left");
		});
	}

	@Test
	void keepsActiveTasksTheVendorRunsAndNeverDescribesAdoptedOnes() {
		this.service.start("app1", "t1", single("c", "u1"));
		this.service.adopt("app1", null, single("c", "sdkuser"));
		this.gateway.reset();
		this.gateway.describeFinds(true);
		later(Duration.ofMinutes(3));
		RelayTaskReconciler.Report report = this.reconciler.reconcile(100, Duration.ofMinutes(2));
		assertThat(report.drifted()).isZero();
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::taskId).containsExactly("t1");
	}

	@Test
	void leavesTheTaskForALaterRunWhenTheVendorDoesNotAnswer() {
		startWithUnknownOutcome("t1");
		later(Duration.ofMinutes(3));
		RecordingGateway failing = new RecordingGateway() {

			@Override
			public java.util.Optional<UpstreamTaskView> describe(String appId, String taskId) {
				throw new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer");
			}

		};
		RelayTaskReconciler.Report report = new RelayTaskReconciler(this.tasks, failing, this.clock).reconcile(100,
				Duration.ofMinutes(2));
		assertThat(report.unresolved()).isEqualTo(1);
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STARTING);
	}

	@Test
	void walksAllTasksInBoundedBatches() {
		for (int i = 0; i < 5; i++) {
			this.service.start("app1", "t" + i, single("c", "u" + i));
		}
		this.gateway.reset();
		later(Duration.ofMinutes(3));
		assertThat(this.reconciler.reconcile(2, Duration.ofMinutes(2)).examined()).isEqualTo(2);
		assertThat(this.reconciler.reconcile(2, Duration.ofMinutes(2)).examined()).isEqualTo(2);
		assertThat(this.reconciler.reconcile(2, Duration.ofMinutes(2)).examined()).isEqualTo(1);
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::taskId)
			.containsExactly("t0", "t1", "t2", "t3", "t4");
	}

	@Test
	void leavesJustActivatedTasksAloneSoALaggingListCannotStopThem() {
		this.service.start("app1", "t1", single("c", "u1"));
		this.gateway.reset();
		this.gateway.describeFinds(false);
		later(Duration.ofSeconds(10));
		assertThat(this.reconciler.reconcile(100, Duration.ofMinutes(2)).examined()).isZero();
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	@Test
	void resolvesStuckTasksBeforeCheckingActiveOnesEvenWhenManyAreActive() {
		for (int i = 0; i < 5; i++) {
			this.service.start("app1", "a" + i, single("c", "a" + i));
		}
		startWithUnknownOutcome("z-stuck");
		later(Duration.ofMinutes(3));
		this.gateway.describeFinds(true);
		RelayTaskReconciler.Report report = this.reconciler.reconcile(1, Duration.ofMinutes(2));
		assertThat(report.examined()).isEqualTo(1);
		assertThat(this.tasks.find("app1", "z-stuck").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	@Test
	void oneTaskThatCannotBeReconciledDoesNotStopTheOthers() {
		startWithUnknownOutcome("t1");
		startWithUnknownOutcome("t2");
		later(Duration.ofMinutes(3));
		RecordingGateway flaky = new RecordingGateway() {

			@Override
			public java.util.Optional<UpstreamTaskView> describe(String appId, String taskId) {
				if (taskId.equals("t1")) {
					throw new IllegalStateException("unreadable row");
				}
				return super.describe(appId, taskId);
			}

		};
		RelayTaskReconciler.Report report = new RelayTaskReconciler(this.tasks, flaky, this.clock).reconcile(100,
				Duration.ofMinutes(2));
		assertThat(report.unresolved()).isEqualTo(1);
		assertThat(report.resolved()).isEqualTo(1);
		assertThat(this.tasks.find("app1", "t2").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	@Test
	void aTaskThatCannotBeSettledIsDeferredSoItNeverStarvesTheOthers() {
		// three stuck tasks the vendor cannot settle now, with a batch of two: without a
		// backoff the two oldest would be picked on every run and t3 never
		startWithUnknownOutcome("t1");
		startWithUnknownOutcome("t2");
		later(Duration.ofSeconds(1));
		startWithUnknownOutcome("t3");
		later(Duration.ofMinutes(3));
		this.gateway.describeFailsWith(() -> new UpstreamFailure.Throttled("Throttling.User", "slow down", null));
		this.reconciler.reconcile(2, Duration.ofMinutes(2));
		assertThat(this.tasks.reconcileAttempts("app1", "t1")).isEqualTo(1);
		assertThat(this.tasks.reconcileAttempts("app1", "t3")).isZero();

		this.gateway.reset();
		this.gateway.describeFinds(true);
		RelayTaskReconciler.Report second = this.reconciler.reconcile(2, Duration.ofMinutes(2));

		assertThat(second.resolved()).isEqualTo(1);
		assertThat(this.tasks.find("app1", "t3").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STARTING);
	}

	@Test
	void aDeferredTaskIsLookedAtAgainAfterAGrowingDelay() {
		RelayTaskReconciler.Backoff backoff = new RelayTaskReconciler.Backoff(Duration.ofSeconds(30),
				Duration.ofMinutes(5));
		assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(4));
		assertThat(backoff.after(50)).isEqualTo(Duration.ofMinutes(5));

		startWithUnknownOutcome("t1");
		later(Duration.ofMinutes(3));
		this.gateway.describeFailsWith(() -> new UpstreamFailure.Throttled("Throttling.User", "slow down", null));
		this.reconciler.reconcile(10, Duration.ofMinutes(2));
		this.gateway.reset();
		later(Duration.ofSeconds(29));
		assertThat(this.reconciler.reconcile(10, Duration.ofMinutes(2)).examined()).isZero();
		later(Duration.ofSeconds(1));
		assertThat(this.reconciler.reconcile(10, Duration.ofMinutes(2)).resolved()).isEqualTo(1);
		assertThat(this.tasks.reconcileAttempts("app1", "t1")).isZero();
	}

	@Test
	void whereTheListMayKeepStoppedTasksBeingListedConfirmsNothing() {
		this.gateway.listKeepsStopped(true);
		startWithUnknownOutcome("t1");
		this.gateway.listKeepsStopped(true);
		later(Duration.ofMinutes(3));

		RelayTaskReconciler.Report report = this.reconciler.reconcile(10, Duration.ofMinutes(2));

		assertThat(report.unresolved()).isEqualTo(1);
		assertThat(this.tasks.find("app1", "t1").orElseThrow().state()).isEqualTo(RelayTaskState.STARTING);
		assertThat(this.tasks.find("app1", "t1").orElseThrow().outcomeUnknown()).isTrue();
		assertThat(reconcileEvents("t1")).isEmpty();
	}

	@Test
	void inBothListWorldsAnAbsentTaskIsNotRunning() {
		for (boolean keepsStopped : new boolean[] { false, true }) {
			String id = "t-" + keepsStopped;
			this.gateway.reset();
			this.gateway.listKeepsStopped(keepsStopped);
			this.service.start("app1", id, single("c", id));
			later(Duration.ofMinutes(3));
			this.gateway.describeFinds(false);
			this.reconciler.reconcile(10, Duration.ofMinutes(2));
			RelayTask task = this.tasks.find("app1", id).orElseThrow();
			assertThat(task.state()).as("drift with keepsStopped=%s", keepsStopped).isEqualTo(RelayTaskState.STOPPED);
			assertThat(reconcileEvents(id)).last()
				.satisfies((e) -> assertThat(e.outcome()).isEqualTo(RelayTaskEvent.Outcome.OBSERVED))
				.satisfies((e) -> assertThat(e.errorCode()).isEqualTo("StoppedByVendor"));
		}
	}

	@Test
	void aResentCallIsClaimedFirstSoThatARequestCannotRaceIt() {
		// review of issue 8: the reconciler used to re-send from its own read with no
		// intent, so a DELETE (allowed after an unknown outcome) could slip in meanwhile
		RelayTask active = this.service.start("app1", "t1", single("c", "t1"));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class,
				() -> this.service.update(active, CoreFixtures.mixed("c", null, "t1", "guest")));
		this.gateway.reset();
		later(Duration.ofMinutes(3));
		List<Throwable> during = new ArrayList<>();
		RelayTaskReconciler racing = new RelayTaskReconciler(this.tasks, new RecordingGateway() {

			@Override
			public UpstreamReceipt update(String appId, String taskId, RelaySpec spec) {
				during.add(catchThrowableOfType(RuntimeException.class,
						() -> RelayTaskReconcilerTest.this.service.stop(appId, taskId)));
				return super.update(appId, taskId, spec);
			}

		}, this.clock);

		racing.reconcile(10, Duration.ofMinutes(2));

		assertThat(during).singleElement().isInstanceOf(RelayTaskStateConflict.class);
		RelayTask after = this.tasks.find("app1", "t1").orElseThrow();
		assertThat(after.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(after.mode()).isEqualTo(io.streamrelay.relaytask.spec.RelayMode.MIXED);
	}

	@Test
	void aResentCallThatSettlesNothingLeavesTheOutcomeUnknownAgain() {
		RelayTask active = this.service.start("app1", "t1", single("c", "t1"));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.stop(active));
		later(Duration.ofMinutes(3));

		RelayTaskReconciler.Report report = this.reconciler.reconcile(10, Duration.ofMinutes(2));

		assertThat(report.unresolved()).isEqualTo(1);
		RelayTask after = this.tasks.find("app1", "t1").orElseThrow();
		assertThat(after.state()).isEqualTo(RelayTaskState.STOPPING);
		assertThat(after.outcomeUnknown()).isTrue();
		assertThat(this.tasks.reconcileAttempts("app1", "t1")).isEqualTo(1);
	}

}
