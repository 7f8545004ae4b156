package io.streamrelay.relaytask.usecase;

import java.time.Clock;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;

/**
 * The stop use case: refused while another call is in flight, a no-op for an ended task,
 * otherwise intent, vendor call, outcome.
 */
final class StopRelay {

	private final RelayTasks tasks;

	private final TaskWrites writes;

	private final LiveRelayGateway gateway;

	private final Clock clock;

	StopRelay(RelayTasks tasks, LiveRelayGateway gateway, Clock clock) {
		this.tasks = tasks;
		this.writes = new TaskWrites(tasks);
		this.gateway = gateway;
		this.clock = clock;
	}

	RelayTask stop(RelayTask current) {
		if (!current.state().mayBeRunning()) {
			recordRepeatedStop(current);
			return current;
		}
		RelayTask stopping = current.beginStop(this.clock.instant());
		this.writes.intent(stopping, current.version());
		try {
			UpstreamReceipt receipt = this.gateway.stop(current.appId(), current.taskId());
			return this.writes.outcome(stopping.stopped(Action.STOP, receipt.requestId(), this.clock.instant()));
		}
		catch (UpstreamFailure failure) {
			// a refusal proves nothing while an earlier call of unknown outcome may still
			// act at the vendor (a timed-out start that runs a moment later): then the
			// task stays stopping, and the reconciler re-sends the stop after its grace
			if (failure instanceof UpstreamFailure.Rejected && !current.outcomeUnknown()
					&& notProvenRunning(stopping)) {
				return this.writes
					.outcome(stopping.stopRefusedAsNotRunning(Action.STOP, failure, this.clock.instant()));
			}
			this.writes.outcome(stopping.stopFailed(current, failure, this.clock.instant()));
			throw failure;
		}
	}

	/**
	 * One record of "already stopped" is enough: repeated DELETEs must not grow the
	 * history without bound.
	 */
	private void recordRepeatedStop(RelayTask current) {
		RelayTaskEvent last = this.tasks.lastEvent(current.appId(), current.taskId()).orElse(null);
		if (last == null || last.action() != Action.STOP || last.outcome() != Outcome.NO_CALL) {
			// a restart may have won meanwhile: then this entry would contradict the task
			this.tasks.appendIfUnchanged(current.alreadyEnded(this.clock.instant()), current.version());
		}
	}

	/**
	 * A refused stop of a well-formed task id means the vendor does not run it, unless
	 * its list proves that it does (docs/aliyun-mpu-api.md §9: where the list may keep
	 * stopped tasks, being listed proves nothing).
	 */
	private boolean notProvenRunning(RelayTask task) {
		if (task.origin() != TaskOrigin.API) {
			// the vendor lists only API-created tasks: nothing can prove an SDK relay
			// runs
			return true;
		}
		try {
			return !UpstreamTaskView.provesRunning(this.gateway.describe(task.appId(), task.taskId()));
		}
		catch (UpstreamFailure ex) {
			return false;
		}
	}

}
