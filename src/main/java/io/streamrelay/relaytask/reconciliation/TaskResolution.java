package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.util.Optional;

import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler.Result;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.task.Transition;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the reconciler does with one task, by state. Conclusions from the vendor's list:
 * absent proves the task does not run; listed proves it runs only where the list holds
 * running tasks alone ({@link UpstreamTaskView#provesRunning()}); otherwise nothing is
 * concluded and the task waits for a clearer source.
 */
final class TaskResolution {

	private static final Logger log = LoggerFactory.getLogger(TaskResolution.class);

	private static final String VENDOR_ENDED = "the vendor does not list the task any more: it ended it by itself"
			+ " (all users left the channel or maxIdleSeconds passed)";

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final Clock clock;

	TaskResolution(RelayTasks tasks, LiveRelayGateway gateway, Clock clock) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.clock = clock;
	}

	Result resolve(RelayTask task) {
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
			// the vendor is not answering clearly now: try again later
			return Result.UNRESOLVED;
		}
		catch (RuntimeException ex) {
			// one task must not stop the others (a database hiccup): try again later
			log.warn("Could not reconcile relay task {}/{}", task.appId(), task.taskId(), ex);
			return Result.UNRESOLVED;
		}
	}

	private Result resolveStart(RelayTask task) {
		Optional<UpstreamTaskView> view = this.gateway.describe(task.appId(), task.taskId());
		if (view.isEmpty()) {
			return save(task.startNotObserved(this.clock.instant()), Result.RESOLVED);
		}
		if (!view.get().provesRunning()) {
			log.info("Relay task {}/{}: the vendor lists it, but its list may keep stopped tasks;"
					+ " the start stays of unknown outcome", task.appId(), task.taskId());
			return Result.UNRESOLVED;
		}
		return save(task.startObserved(this.clock.instant()), Result.RESOLVED);
	}

	private Result rollUpdateForward(RelayTask task) {
		RelayTask claimed = claim(task);
		if (claimed == null) {
			return Result.UNCHANGED;
		}
		try {
			UpstreamReceipt receipt = this.gateway.update(task.appId(), task.taskId(), task.pendingSpec());
			return save(claimed.updated(Action.RECONCILE, receipt.requestId(), this.clock.instant()), Result.RESOLVED);
		}
		catch (UpstreamFailure.Rejected rejected) {
			if (vendorDoesNotRun(task)) {
				return save(claimed.stoppedByVendor(VENDOR_ENDED, this.clock.instant()), Result.DRIFTED);
			}
			return save(claimed.updateFailed(Action.RECONCILE, rejected, this.clock.instant()), Result.RESOLVED);
		}
		catch (UpstreamFailure failure) {
			release(claimed);
			throw failure;
		}
	}

	private Result rollStopForward(RelayTask task) {
		RelayTask claimed = claim(task);
		if (claimed == null) {
			return Result.UNCHANGED;
		}
		try {
			UpstreamReceipt receipt = this.gateway.stop(task.appId(), task.taskId());
			return save(claimed.stopped(Action.RECONCILE, receipt.requestId(), this.clock.instant()), Result.RESOLVED);
		}
		catch (UpstreamFailure.Rejected rejected) {
			// refused: the vendor does not run it, unless its list proves it does
			if (task.origin() == TaskOrigin.ADOPTED || !provenRunning(task)) {
				return save(claimed.stopRefusedAsNotRunning(Action.RECONCILE, rejected, this.clock.instant()),
						Result.RESOLVED);
			}
			release(claimed);
			throw rejected;
		}
		catch (UpstreamFailure failure) {
			release(claimed);
			throw failure;
		}
	}

	/**
	 * Records that a call is in flight again before sending it, so that a request that
	 * moves the task meanwhile (a DELETE after an unknown outcome, then a restart) is
	 * refused instead of racing the re-sent call. Null when a request got there first.
	 */
	private RelayTask claim(RelayTask task) {
		RelayTask claimed = task.resumed(this.clock.instant());
		return this.tasks.update(claimed, task.version(), null) ? claimed : null;
	}

	private void release(RelayTask claimed) {
		this.tasks.update(claimed.stillUnknown(this.clock.instant()), claimed.version(), null);
	}

	private Result detectDrift(RelayTask task) {
		if (task.origin() != TaskOrigin.API) {
			return Result.UNCHANGED; // the vendor lists only API-created tasks
		}
		if (this.gateway.describe(task.appId(), task.taskId()).isPresent()) {
			return Result.UNCHANGED;
		}
		return save(task.stoppedByVendor(VENDOR_ENDED, this.clock.instant()), Result.DRIFTED);
	}

	private boolean vendorDoesNotRun(RelayTask task) {
		return task.origin() == TaskOrigin.API && this.gateway.describe(task.appId(), task.taskId()).isEmpty();
	}

	private boolean provenRunning(RelayTask task) {
		return UpstreamTaskView.provesRunning(this.gateway.describe(task.appId(), task.taskId()));
	}

	private Result save(Transition transition, Result result) {
		RelayTask before = transition.before();
		if (!this.tasks.update(transition.after(), before.version(), transition.event())) {
			// a request changed the task meanwhile: it owns the state now; a vendor call
			// this run made stays in the history
			if (!before.outcomeUnknown() && transition.event().outcome() != Outcome.OBSERVED) {
				this.tasks.append(transition.event().notApplied());
			}
			return Result.UNCHANGED;
		}
		log.info("Relay task {}/{}: {} -> {} by reconciliation ({})", before.appId(), before.taskId(),
				before.state().name().toLowerCase(), transition.after().state().name().toLowerCase(),
				transition.event().detail());
		return result;
	}

}
