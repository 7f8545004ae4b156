package io.streamrelay.relaytask.task;

import java.time.Instant;

import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;

/**
 * Transitions from what the vendor reports without being asked: its events
 * (RtcMPUEventSub) and the CDN's online-stream list. None of them sends anything; each
 * returns the task after and its history entry, like {@link RelayTask}'s own transitions.
 */
public final class VendorFacts {

	/** lastError code of a relay the CDN has not listed for longer than the grace. */
	public static final String RELAY_OFFLINE = "RelayOffline";

	private VendorFacts() {
	}

	/**
	 * The vendor reported that it ended the relay: stopped, whatever was pending, with
	 * the vendor's codes in the history.
	 */
	public static Transition endedByVendor(RelayTask task, String code, String detail, Instant now) {
		if (!task.state().mayBeRunning() || task.callInFlight()) {
			throw new RelayTaskStateConflict(task.taskId(), task.state(), "mark as ended by the vendor");
		}
		return settle(task, next(task, RelayTaskState.STOPPED, null, now), code, detail, Action.EVENT, now);
	}

	/**
	 * The vendor reported a relay error on one destination: the task stays as it is, with
	 * the error as its last error.
	 */
	public static Transition relayError(RelayTask task, String code, String detail, Instant now) {
		if (!task.state().mayBeRunning() || task.callInFlight()) {
			throw new RelayTaskStateConflict(task.taskId(), task.state(), "record a relay error of");
		}
		TaskError error = new TaskError(code, detail, null, now);
		return settle(task, next(task, task.state(), error, now), code, detail, Action.EVENT, now);
	}

	/** The CDN has not listed the relayed stream for longer than the grace. */
	public static Transition relayOffline(RelayTask task, String detail, Instant now) {
		requireActive(task, "record the relay offline of");
		TaskError error = new TaskError(RELAY_OFFLINE, detail, null, now);
		return settle(task, next(task, task.state(), error, now), RELAY_OFFLINE, detail, Action.CHECK, now);
	}

	/**
	 * The CDN lists the relayed stream again: a lastError of {@link #RELAY_OFFLINE} is
	 * cleared, any other stays.
	 */
	public static Transition relayBackOnline(RelayTask task, String detail, Instant now) {
		requireActive(task, "record the relay back online of");
		TaskError error = task.lastError() != null && RELAY_OFFLINE.equals(task.lastError().code()) ? null
				: task.lastError();
		return settle(task, next(task, task.state(), error, now), null, detail, Action.CHECK, now);
	}

	/**
	 * A history entry that changes nothing: an event for an ended task, a stale one, one
	 * of a kind this service does not know.
	 */
	public static RelayTaskEvent noted(RelayTask task, String code, String detail, Instant now) {
		return RelayTaskEvent.of(task, now, Action.EVENT, Outcome.OBSERVED, null, code, detail);
	}

	private static void requireActive(RelayTask task, String attempted) {
		if (task.state() != RelayTaskState.ACTIVE) {
			throw new RelayTaskStateConflict(task.taskId(), task.state(), attempted);
		}
	}

	private static Transition settle(RelayTask before, RelayTask after, String code, String detail, Action action,
			Instant now) {
		return new Transition(before, after,
				RelayTaskEvent.of(after, now, action, Outcome.OBSERVED, null, code, detail));
	}

	private static RelayTask next(RelayTask task, RelayTaskState state, TaskError error, Instant now) {
		boolean ended = !state.mayBeRunning();
		return new RelayTask(task.appId(), task.taskId(), task.spec(), ended ? null : task.pendingSpec(), state,
				task.origin(), task.version() + 1, task.createdAt(), now, error, ended ? false : task.outcomeUnknown());
	}

}
