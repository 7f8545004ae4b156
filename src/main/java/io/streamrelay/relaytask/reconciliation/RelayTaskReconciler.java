package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;
import io.streamrelay.relaytask.task.TaskError;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves tasks left in a transitional state (crash, timeout, lost answer) by reading
 * the vendor and finishing or rolling forward, and marks stopped the tasks the vendor
 * stopped by itself. One run looks at a bounded batch, continuing where the previous run
 * of this instance stopped.
 */
public final class RelayTaskReconciler {

	private static final Logger log = LoggerFactory.getLogger(RelayTaskReconciler.class);

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final Clock clock;

	private TaskKey cursor;

	public RelayTaskReconciler(RelayTasks tasks, LiveRelayGateway gateway, Clock clock) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.clock = clock;
	}

	/** What one run did. */
	public record Report(int examined, int resolved, int drifted, int unresolved) {

		Report plus(Result result) {
			return new Report(examined + 1, resolved + (result == Result.RESOLVED ? 1 : 0),
					drifted + (result == Result.DRIFTED ? 1 : 0), unresolved + (result == Result.UNRESOLVED ? 1 : 0));
		}

	}

	private enum Result {

		UNCHANGED, RESOLVED, DRIFTED, UNRESOLVED

	}

	/**
	 * Looks at up to {@code batchSize} tasks. Transitional tasks younger than
	 * {@code grace} are left alone: their request may still be in flight.
	 */
	public synchronized Report reconcile(int batchSize, Duration grace) {
		Instant cutoff = this.clock.instant().minus(grace);
		// stuck tasks first, oldest first: they may block updates or keep billing
		List<RelayTask> stuck = this.tasks.staleInStates(RelayTaskState.TRANSITIONAL, cutoff, batchSize);
		Report report = new Report(0, 0, 0, 0);
		for (RelayTask task : stuck) {
			report = report.plus(reconcileOne(task));
		}
		int room = batchSize - stuck.size();
		if (room <= 0) {
			return report;
		}
		List<RelayTask> active = this.tasks.inStates(Set.of(RelayTaskState.ACTIVE), this.cursor, room);
		this.cursor = active.size() < room ? null
				: new TaskKey(active.get(active.size() - 1).appId(), active.get(active.size() - 1).taskId());
		for (RelayTask task : active) {
			// a task that just became active may not be listed yet
			if (!task.updatedAt().isAfter(cutoff)) {
				report = report.plus(reconcileOne(task));
			}
		}
		return report;
	}

	private Result reconcileOne(RelayTask task) {
		try {
			return switch (task.state()) {
				case STARTING -> resolveStart(task);
				case UPDATING -> rollUpdateForward(task);
				case STOPPING -> rollStopForward(task);
				case ACTIVE -> detectDrift(task);
				default -> Result.UNCHANGED;
			};
		}
		catch (UpstreamFailure failure) {
			// The vendor is not answering clearly now: try again on a later run.
			return Result.UNRESOLVED;
		}
		catch (RuntimeException ex) {
			// One task must not stop the others (a database hiccup, an unreadable row):
			// next run.
			log.warn("Could not reconcile relay task {}/{}", task.appId(), task.taskId(), ex);
			return Result.UNRESOLVED;
		}
	}

	private Result resolveStart(RelayTask task) {
		Optional<UpstreamTaskView> view = this.gateway.describe(task.appId(), task.taskId());
		Instant now = this.clock.instant();
		if (view.isPresent()) {
			return save(task, task.started(now),
					event(task, Outcome.SUCCEEDED, null, "the vendor runs the task: the start took effect"),
					Result.RESOLVED);
		}
		TaskError error = new TaskError("NotRunning", "the vendor does not run the task: the start did not take effect",
				null, now);
		return save(task, task.startRejected(error, now), event(task, Outcome.REJECTED, "NotRunning", error.message()),
				Result.RESOLVED);
	}

	private Result rollUpdateForward(RelayTask task) {
		Instant now = this.clock.instant();
		try {
			UpstreamReceipt receipt = this.gateway.update(task.appId(), task.taskId(), task.pendingSpec());
			return save(
					task, task.updated(now), new RelayTaskEvent(task.appId(), task.taskId(), now, Action.RECONCILE,
							Outcome.SUCCEEDED, receipt.requestId(), null, "update sent again and accepted"),
					Result.RESOLVED);
		}
		catch (UpstreamFailure.Rejected rejected) {
			if (vendorDoesNotRun(task)) {
				return markStoppedByVendor(task);
			}
			TaskError error = TaskError.from(rejected, now);
			return save(task, task.updateRejected(error, now), event(task, Outcome.REJECTED, rejected.code(),
					"update sent again and refused: " + rejected.getMessage()), Result.RESOLVED);
		}
	}

	private Result rollStopForward(RelayTask task) {
		Instant now = this.clock.instant();
		try {
			UpstreamReceipt receipt = this.gateway.stop(task.appId(), task.taskId());
			return save(
					task, task.stopped(now), new RelayTaskEvent(task.appId(), task.taskId(), now, Action.RECONCILE,
							Outcome.SUCCEEDED, receipt.requestId(), null, "stop sent again and accepted"),
					Result.RESOLVED);
		}
		catch (UpstreamFailure.Rejected rejected) {
			if (task.origin() == TaskOrigin.ADOPTED || vendorDoesNotRun(task)) {
				return save(task, task.stopped(now), event(task, Outcome.SUCCEEDED, rejected.code(),
						"stop sent again: the vendor no longer runs the task"), Result.RESOLVED);
			}
			throw rejected;
		}
	}

	private Result detectDrift(RelayTask task) {
		if (task.origin() != TaskOrigin.API) {
			return Result.UNCHANGED; // the vendor lists only API-created tasks
		}
		if (this.gateway.describe(task.appId(), task.taskId()).isPresent()) {
			return Result.UNCHANGED;
		}
		return markStoppedByVendor(task);
	}

	private Result markStoppedByVendor(RelayTask task) {
		return save(task, task.stoppedByVendor(this.clock.instant()),
				event(task, Outcome.SUCCEEDED, "StoppedByVendor",
						"the vendor stopped the task by itself (all users left the channel or maxIdleSeconds passed)"),
				Result.DRIFTED);
	}

	private boolean vendorDoesNotRun(RelayTask task) {
		return task.origin() == TaskOrigin.API && this.gateway.describe(task.appId(), task.taskId()).isEmpty();
	}

	private RelayTaskEvent event(RelayTask task, Outcome outcome, String code, String detail) {
		return new RelayTaskEvent(task.appId(), task.taskId(), this.clock.instant(), Action.RECONCILE, outcome, null,
				code, detail);
	}

	private Result save(RelayTask before, RelayTask after, RelayTaskEvent event, Result result) {
		// A request changed the task meanwhile: it owns the outcome now, leave it to the
		// next run.
		return this.tasks.update(after, before.version(), event) ? result : Result.UNCHANGED;
	}

}
