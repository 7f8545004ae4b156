package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop use case: refused while another call is in flight, a no-op for an ended task,
 * otherwise intent, vendor call, outcome.
 */
final class StopRelay {

	static final int ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(StopRelay.class);

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

	/**
	 * Stops the task as the caller read it (an If-Match): another writer in between makes
	 * it {@link RelayTaskModifiedConcurrently}.
	 */
	RelayTask stop(RelayTask current) {
		return stopIfUnchanged(current).orElseThrow(() -> new RelayTaskModifiedConcurrently(current.taskId()));
	}

	/**
	 * Stops the task as it is now: when another writer (a vendor event applied, the
	 * reconciler) moves it between the read and the intent, no vendor call has been made
	 * yet, so the task is read again and the stop decided again, at most
	 * {@value #ATTEMPTS} times.
	 */
	RelayTask stopLatest(Supplier<RelayTask> read) {
		RelayTask current = read.get();
		for (int attempt = 1;; attempt++) {
			Optional<RelayTask> stopped = stopIfUnchanged(current);
			if (stopped.isPresent()) {
				return stopped.get();
			}
			if (attempt == ATTEMPTS) {
				throw new RelayTaskModifiedConcurrently(current.taskId());
			}
			log.info("Stop of task {} of app {}: the task changed since it was read, read again (attempt {} of {})",
					current.taskId(), current.appId(), attempt + 1, ATTEMPTS);
			current = read.get();
		}
	}

	/** Empty when the intent lost to another writer (nothing sent to the vendor). */
	private Optional<RelayTask> stopIfUnchanged(RelayTask current) {
		if (!current.state().mayBeRunning()) {
			recordRepeatedStop(current);
			return Optional.of(current);
		}
		RelayTask stopping = current.beginStop(this.clock.instant());
		if (!this.writes.tryIntent(stopping, current.version())) {
			return Optional.empty();
		}
		return Optional.of(send(current, stopping));
	}

	private RelayTask send(RelayTask current, RelayTask stopping) {
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
