package io.streamrelay.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.streamrelay.emulator.EmulatedTask;
import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.task.TaskOrigin;

import static io.streamrelay.relaytask.task.RelayTaskState.ACTIVE;
import static io.streamrelay.relaytask.task.RelayTaskState.FAILED;
import static io.streamrelay.relaytask.task.RelayTaskState.STARTING;
import static io.streamrelay.relaytask.task.RelayTaskState.STOPPED;
import static io.streamrelay.relaytask.task.RelayTaskState.STOPPING;
import static io.streamrelay.relaytask.task.RelayTaskState.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must hold at a quiescent point (no request in flight, faults cleared, the
 * reconciler run until nothing changes), checked against the emulator's own state.
 */
final class LifecycleInvariants {

	static final String APP = "demo-app";

	private static final Set<RelayTaskState> ENDED = EnumSet.of(STOPPED, FAILED);

	/**
	 * Longer than any request of the workload takes, retries and emulator latency
	 * included.
	 */
	static final Duration GRACE = Duration.ofSeconds(4);

	private final EmulatorState vendor;

	private final RelayTasks tasks;

	private final RelayTaskReconciler reconciler;

	private final boolean listKeepsStopped;

	private final String label;

	/** Vendor task calls per task when it was last seen ended here. */
	private Map<String, Long> endedCallCounts = Map.of();

	int checks;

	int reconcilerRuns;

	private java.util.List<io.streamrelay.relaytask.reconciliation.ReconcilerStep> eventSteps = java.util.List.of();

	private java.util.function.BooleanSupplier callbacksIdle = () -> true;

	/**
	 * With vendor events: waits for the emulator's callbacks before settling, and runs
	 * the reconciler's steps (the event records, pending events) as the scheduled job
	 * does.
	 */
	LifecycleInvariants withVendorEvents(java.util.List<io.streamrelay.relaytask.reconciliation.ReconcilerStep> steps,
			java.util.function.BooleanSupplier idle) {
		this.eventSteps = java.util.List.copyOf(steps);
		this.callbacksIdle = idle;
		return this;
	}

	LifecycleInvariants(EmulatorState vendor, RelayTasks tasks, RelayTaskReconciler reconciler,
			boolean listKeepsStopped, String label) {
		this.vendor = vendor;
		this.tasks = tasks;
		this.reconciler = reconciler;
		this.listKeepsStopped = listKeepsStopped;
		this.label = label;
	}

	/**
	 * A run among the requests, as the scheduled one would: a batch, continuing where it
	 * stopped, leaving alone what changed within the grace period (longer here than any
	 * request of the workload, as production's must be).
	 */
	synchronized void reconcileConcurrently() {
		this.reconciler.reconcile(50, GRACE);
		this.reconcilerRuns++;
	}

	/**
	 * Reconciles until a run changes nothing (bounded), as an operator's service would.
	 */
	void settle() throws InterruptedException {
		awaitVendorIdle();
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.alias(this.label + ": the emulator's callbacks go out")
			.until(this.callbacksIdle::getAsBoolean);
		this.eventSteps.forEach(io.streamrelay.relaytask.reconciliation.ReconcilerStep::run);
		// the first run may start where an earlier one stopped; a run after it that
		// changes nothing has seen every task
		for (int i = 0; i < 8; i++) {
			RelayTaskReconciler.Report report = this.reconciler.reconcile(1000, Duration.ZERO);
			this.reconcilerRuns++;
			if (i > 0 && report.resolved() + report.drifted() == 0) {
				return;
			}
		}
	}

	/**
	 * The grace period: the real reconciler leaves a task alone while its request may
	 * still be at the vendor (a delayed one acts after its client gave up); here the
	 * emulator says when nothing is in flight any more.
	 */
	private void awaitVendorIdle() throws InterruptedException {
		assertThat(this.vendor.awaitIdle(Duration.ofSeconds(30))).as("%s: the emulator never went idle", this.label)
			.isTrue();
	}

	/**
	 * @param touchedAgain tasks a start or adoption was sent to since the last check (a
	 * restart may legitimately reach an ended task)
	 * @param vanished tasks the vendor ended by itself since they were last started here
	 */
	void check(Set<String> touchedAgain, Set<String> vanished) {
		List<RelayTask> all = allTasks();
		Map<String, RelayTask> here = new HashMap<>();
		all.forEach((task) -> here.put(task.taskId(), task));
		Map<String, EmulatedTask> atVendor = new HashMap<>();
		this.vendor.tasks(APP).forEach((task) -> atVendor.put(task.taskId(), task));
		for (EmulatedTask running : atVendor.values()) {
			if (running.running()) {
				vendorRunningIsKnown(running, here.get(running.taskId()));
			}
		}
		for (RelayTask task : all) {
			EmulatedTask seen = atVendor.get(task.taskId());
			activeRunsAtTheVendor(task, seen, vanished);
			settledUnlessTheListCannotTell(task);
			historyMatchesTransitions(task);
			vendorEndAppliedOncePerRun(task);
		}
		noCallAfterRecordedEnd(here, touchedAgain);
		this.checks++;
	}

	private void vendorRunningIsKnown(EmulatedTask running, RelayTask here) {
		if (running.origin() == EmulatedTask.Origin.SDK && (here == null || here.origin() != TaskOrigin.ADOPTED)) {
			return; // a client-SDK relay this service was never asked to manage
		}
		assertThat(here).as("%s: the vendor runs %s, unknown here", this.label, running.taskId()).isNotNull();
		boolean known = here.state() == ACTIVE || here.state() == UPDATING
				|| (here.state().isTransitional() && here.outcomeUnknown());
		assertThat(known)
			.as("%s: the vendor runs %s, here %s (outcome unknown: %s), history %s", this.label, here.taskId(),
					here.state(), here.outcomeUnknown(), this.tasks.events(APP, here.taskId()))
			.isTrue();
	}

	private void activeRunsAtTheVendor(RelayTask task, EmulatedTask seen, Set<String> vanished) {
		if (task.state() != ACTIVE) {
			return;
		}
		boolean runs = seen != null && seen.running();
		if (runs && task.origin() == TaskOrigin.API) {
			// what the vendor runs is what the task says it runs (single or mixed)
			assertThat(seen.mixMode())
				.as("%s: %s is %s here, the vendor runs MixMode %s", this.label, task.taskId(), task.mode(),
						seen.mixMode())
				.isEqualTo(task.mode() == io.streamrelay.relaytask.spec.RelayMode.MIXED ? "1" : "0");
		}
		// vendor events report every end the vendor decided; only an end that raced a
		// start of the same task (in one round) may be taken for the previous run's and
		// noted as stale, and then it is invisible where the list keeps stopped tasks
		// and for client-SDK relays, which it never lists
		boolean undetectable = vanished.contains(task.taskId())
				&& (this.listKeepsStopped || task.origin() == TaskOrigin.ADOPTED);
		assertThat(runs || undetectable)
			.as("%s: %s is active here but not running at the vendor, history %s", this.label, task.taskId(),
					this.tasks.events(APP, task.taskId()))
			.isTrue();
	}

	/**
	 * A duplicated or reordered callback, or the same event read back from the records,
	 * never stops a run twice: between two starts (or adoptions) at most one event entry
	 * stops the task (a stale end of an earlier run is only noted, and stops nothing).
	 */
	private void vendorEndAppliedOncePerRun(RelayTask task) {
		int endsInRun = 0;
		for (RelayTaskEvent event : this.tasks.events(APP, task.taskId())) {
			if (event.action() == RelayTaskEvent.Action.START || event.action() == RelayTaskEvent.Action.ADOPT) {
				endsInRun = 0;
			}
			else if (event.action() == RelayTaskEvent.Action.EVENT && event.state() == STOPPED
					&& "Event1.2".equals(event.errorCode()) && !event.detail().contains("already")
					&& !event.detail().startsWith("stale")) {
				endsInRun++;
			}
			assertThat(endsInRun)
				.as("%s: %s stopped twice by vendor events in one run, history %s", this.label, task.taskId(),
						this.tasks.events(APP, task.taskId()))
				.isLessThanOrEqualTo(1);
		}
	}

	private void settledUnlessTheListCannotTell(RelayTask task) {
		if (!task.state().isTransitional()) {
			return;
		}
		assertThat(task.outcomeUnknown())
			.as("%s: %s is %s with a call in flight at a quiescent point", this.label, task.taskId(), task.state())
			.isTrue();
		if (!this.listKeepsStopped) {
			// where being listed means running, the reconciler settles every task
			assertThat(task.state()).as("%s: %s still transitional after reconciliation", this.label, task.taskId())
				.isNotIn(STARTING, UPDATING, STOPPING);
		}
	}

	private void historyMatchesTransitions(RelayTask task) {
		List<RelayTaskEvent> history = this.tasks.events(APP, task.taskId());
		RelayTaskState previous = null;
		for (RelayTaskEvent event : history) {
			if (event.outcome() == Outcome.SUCCEEDED) {
				assertThat(event.errorCode()).as("%s: %s succeeded with a code", this.label, event).isNull();
			}
			if ("StoppedByVendor".equals(event.errorCode()) || "NotRunning".equals(event.errorCode())) {
				assertThat(event.outcome()).as("%s: %s", this.label, event).isEqualTo(Outcome.OBSERVED);
			}
			if (event.state() == null) {
				continue; // an outcome that arrived after another writer: the call only
			}
			assertThat(LifecycleEdges.allowed(previous, event))
				.as("%s: %s after %s in %s", this.label, event, previous, history)
				.isTrue();
			previous = event.state();
		}
		assertThat(previous).as("%s: the last recorded state of %s", this.label, task.taskId()).isEqualTo(task.state());
	}

	private void noCallAfterRecordedEnd(Map<String, RelayTask> here, Set<String> touchedAgain) {
		this.endedCallCounts.forEach((taskId, calls) -> {
			if (!touchedAgain.contains(taskId)) {
				assertThat(this.vendor.taskCallCount(APP, taskId))
					.as("%s: a vendor call reached %s after it was recorded ended, history %s", this.label, taskId,
							this.tasks.events(APP, taskId))
					.isEqualTo(calls);
			}
		});
		Map<String, Long> next = new HashMap<>();
		here.values()
			.stream()
			.filter((task) -> ENDED.contains(task.state()))
			.forEach((task) -> next.put(task.taskId(), this.vendor.taskCallCount(APP, task.taskId())));
		this.endedCallCounts = next;
	}

	List<RelayTask> allTasks() {
		List<RelayTask> all = new ArrayList<>();
		String after = null;
		while (true) {
			List<RelayTask> page = this.tasks.list(APP, new TaskQuery(null, null, after, 500));
			all.addAll(page);
			if (page.size() < 500) {
				return all;
			}
			after = page.get(page.size() - 1).taskId();
		}
	}

	/** The (action, outcome) pairs each state may be recorded with, and from where. */
	static final class LifecycleEdges {

		private LifecycleEdges() {
		}

		static boolean allowed(RelayTaskState from, RelayTaskEvent event) {
			RelayTaskState to = event.state();
			boolean fromEnded = from == null || ENDED.contains(from);
			boolean fromRunning = from != null && from.mayBeRunning();
			return switch (event.action()) {
				case START -> fromEnded && switch (event.outcome()) {
					case SUCCEEDED -> to == ACTIVE;
					case REJECTED, NOT_SENT -> to == FAILED;
					case UNKNOWN -> to == STARTING;
					default -> false;
				};
				case UPDATE -> from == ACTIVE && switch (event.outcome()) {
					case SUCCEEDED, REJECTED, NOT_SENT -> to == ACTIVE;
					case UNKNOWN -> to == UPDATING;
					default -> false;
				};
				case STOP -> switch (event.outcome()) {
					case SUCCEEDED -> fromRunning && to == STOPPED;
					case REJECTED -> fromRunning && (to == STOPPED || to == from || to == STOPPING);
					case NOT_SENT -> fromRunning && to == from;
					case UNKNOWN -> fromRunning && to == STOPPING;
					case NO_CALL -> !fromRunning && to == from;
					default -> false;
				};
				// recorded without a state (the call only), skipped above
				case SEI -> false;
				case ADOPT -> fromEnded && event.outcome() == Outcome.NO_CALL && to == ACTIVE;
				case RECONCILE -> fromRunning && switch (event.outcome()) {
					case OBSERVED -> (from == STARTING && (to == ACTIVE || to == FAILED)) || to == STOPPED;
					case SUCCEEDED -> (from == UPDATING && to == ACTIVE) || (from == STOPPING && to == STOPPED);
					case REJECTED -> (from == UPDATING && to == ACTIVE) || (from == STOPPING && to == STOPPED);
					default -> false;
				};
				// a vendor event: an end stops a task that may run, anything else leaves
				// the
				// state as it was (history only, or lastError)
				case EVENT -> event.outcome() == Outcome.OBSERVED && (to == from || (fromRunning && to == STOPPED));
				// the CDN check changes lastError only
				case CHECK -> event.outcome() == Outcome.OBSERVED && from == ACTIVE && to == ACTIVE;
			};
		}

	}

}
