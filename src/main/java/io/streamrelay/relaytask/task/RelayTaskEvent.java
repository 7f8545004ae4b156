package io.streamrelay.relaytask.task;

import java.time.Instant;

import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * One entry of a task's history: an attempt to start, update, stop or adopt it, or what
 * the reconciler found, how it ended, and the state the task was left in ({@code null}
 * for an outcome that arrived after another writer had moved the task, and for entries
 * written before states were recorded).
 */
public record RelayTaskEvent(String appId, String taskId, Instant at, Action action, Outcome outcome,
		String upstreamRequestId, String errorCode, String detail, RelayTaskState state) {

	/** What was attempted. */
	public enum Action {

		START, UPDATE, STOP, ADOPT, RECONCILE,
		/** A vendor event (RtcMPUEventSub callback or event record) was applied. */
		EVENT,
		/** The CDN's online-stream list was read (relay check). */
		CHECK,
		/**
		 * A custom SEI message sent to the running task; the task itself is unchanged.
		 */
		SEI

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
		NO_CALL,
		/**
		 * Nothing was sent: the vendor's state was read and what it showed was recorded.
		 */
		OBSERVED

	}

	static RelayTaskEvent of(RelayTask after, Instant at, Action action, Outcome outcome, String requestId, String code,
			String detail) {
		return new RelayTaskEvent(after.appId(), after.taskId(), at, action, outcome, requestId, code, detail,
				after.state());
	}

	/**
	 * A custom SEI message sent to {@code task}, accepted; {@code detail} describes the
	 * content, never holds it. It records the call only (no state): SEI moves no task,
	 * and an update or stop may settle while it is in flight.
	 */
	public static RelayTaskEvent sei(RelayTask task, Instant at, String requestId, String detail) {
		return new RelayTaskEvent(task.appId(), task.taskId(), at, Action.SEI, Outcome.SUCCEEDED, requestId, null,
				detail, null);
	}

	/** A custom SEI message the vendor did not take (or whose outcome is unknown). */
	public static RelayTaskEvent seiFailed(RelayTask task, Instant at, UpstreamFailure failure, String detail) {
		return new RelayTaskEvent(task.appId(), task.taskId(), at, Action.SEI, outcomeOf(failure), failure.requestId(),
				failure.code(), detail + "; " + failure.getMessage(), null);
	}

	static RelayTaskEvent failed(RelayTask after, Instant at, Action action, UpstreamFailure failure) {
		return of(after, at, action, outcomeOf(failure), failure.requestId(), failure.code(), failure.getMessage());
	}

	static Outcome outcomeOf(UpstreamFailure failure) {
		if (!failure.outcomeKnown()) {
			return Outcome.UNKNOWN;
		}
		return failure.reachedVendor() ? Outcome.REJECTED : Outcome.NOT_SENT;
	}

	/**
	 * The same entry, marked as not applied: another writer had moved the task before
	 * this outcome arrived, so it records the vendor call only.
	 */
	public RelayTaskEvent notApplied() {
		String note = "not applied: the task had changed meanwhile";
		return new RelayTaskEvent(appId, taskId, at, action, outcome, upstreamRequestId, errorCode,
				detail == null ? note : detail + " (" + note + ")", null);
	}

}
