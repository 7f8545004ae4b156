package io.streamrelay.relaytask.task;

import java.time.Instant;

import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * One entry of a task's history: an attempt to start, update, stop or adopt it, and how
 * it ended.
 */
public record RelayTaskEvent(String appId, String taskId, Instant at, Action action, Outcome outcome,
		String upstreamRequestId, String errorCode, String detail) {

	/** What was attempted. */
	public enum Action {

		START, UPDATE, STOP, ADOPT, RECONCILE

	}

	/** How the attempt ended. */
	public enum Outcome {

		/** The vendor accepted the call. */
		SUCCEEDED,
		/** The vendor refused the call; nothing changed there. */
		REJECTED,
		/**
		 * The call may or may not have taken effect (timeout, lost or garbled response).
		 */
		UNKNOWN,
		/** The call could not reach the vendor; nothing changed there. */
		NOT_SENT,
		/** Nothing needed to be sent to the vendor. */
		NO_CALL

	}

	public static RelayTaskEvent succeeded(RelayTask task, Action action, String requestId, Instant at) {
		return new RelayTaskEvent(task.appId(), task.taskId(), at, action, Outcome.SUCCEEDED, requestId, null, null);
	}

	public static RelayTaskEvent noCall(RelayTask task, Action action, String detail, Instant at) {
		return new RelayTaskEvent(task.appId(), task.taskId(), at, action, Outcome.NO_CALL, null, null, detail);
	}

	public static RelayTaskEvent failed(RelayTask task, Action action, UpstreamFailure failure, Instant at) {
		Outcome outcome = failure.outcomeKnown() ? (failure.reachedVendor() ? Outcome.REJECTED : Outcome.NOT_SENT)
				: Outcome.UNKNOWN;
		return new RelayTaskEvent(task.appId(), task.taskId(), at, action, outcome, failure.requestId(), failure.code(),
				failure.getMessage());
	}

}
