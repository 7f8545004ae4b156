package io.streamrelay.relaytask.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * The relay task aggregate: identity, the latest spec the vendor accepted, the spec in
 * flight during an update, the lifecycle state, and whether the last vendor call of a
 * transitional state ended with an unknown outcome. Every transition returns a new task
 * with the version incremented; those that settle a vendor call also return their history
 * entry ({@link Transition}), the others ({@code begin*}) record an intent.
 */
public record RelayTask(String appId, String taskId, RelaySpec spec, RelaySpec pendingSpec, RelayTaskState state,
		TaskOrigin origin, long version, Instant createdAt, Instant updatedAt, TaskError lastError,
		boolean outcomeUnknown) {

	private static final Set<RelayTaskState> ENDED = Set.of(RelayTaskState.STOPPED, RelayTaskState.FAILED);

	public RelayTask {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(taskId, "taskId");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(origin, "origin");
		if (outcomeUnknown && !state.isTransitional()) {
			throw new IllegalArgumentException("only a transitional task can have an unknown outcome, not " + state);
		}
	}

	public static RelayTask starting(String appId, String taskId, RelaySpec spec, Instant now) {
		return new RelayTask(appId, taskId, spec, null, RelayTaskState.STARTING, TaskOrigin.API, 1, now, now, null,
				false);
	}

	/** A relay a client SDK started, taken over with no vendor call. */
	public static Transition adopted(String appId, String taskId, RelaySpec spec, Instant now) {
		RelayTask task = new RelayTask(appId, taskId, spec, null, RelayTaskState.ACTIVE, TaskOrigin.ADOPTED, 1, now,
				now, null, false);
		return new Transition(null, task, RelayTaskEvent.of(task, now, Action.ADOPT, Outcome.NO_CALL, null, null,
				"relay started by a client SDK"));
	}

	public String channelId() {
		return this.spec.channelId();
	}

	public RelayMode mode() {
		return this.spec.mode();
	}

	/**
	 * Whether a vendor call for this task is in flight right now: a transitional state
	 * whose call has not ended yet. Nothing else may be sent meanwhile.
	 */
	public boolean callInFlight() {
		return this.state.isTransitional() && !this.outcomeUnknown;
	}

	/** Starts a stopped or failed task again under the same id. */
	public RelayTask restart(RelaySpec newSpec, Instant now) {
		require(ENDED, "start");
		return new RelayTask(appId, taskId, newSpec, null, RelayTaskState.STARTING, TaskOrigin.API, version + 1,
				createdAt, now, null, false);
	}

	public Transition started(String requestId, Instant now) {
		require(Set.of(RelayTaskState.STARTING), "mark as started");
		return settle(next(spec, null, RelayTaskState.ACTIVE, null, false, now), now, Action.START, Outcome.SUCCEEDED,
				requestId, null, null);
	}

	/** A start that failed: surely not started (failed), or of unknown outcome. */
	public Transition startFailed(UpstreamFailure failure, Instant now) {
		require(Set.of(RelayTaskState.STARTING), "record the failed start of");
		TaskError error = TaskError.from(failure, now);
		RelayTask after = failure.outcomeKnown() ? next(spec, null, RelayTaskState.FAILED, error, false, now)
				: next(spec, null, RelayTaskState.STARTING, error, true, now);
		return new Transition(this, after, RelayTaskEvent.failed(after, now, Action.START, failure));
	}

	/**
	 * Only the task's own max duration changed: a local setting the vendor never sees, so
	 * it is recorded with no vendor call; the running clock is not reset.
	 */
	public Transition maxDurationChanged(RelaySpec newSpec, Instant now) {
		require(Set.of(RelayTaskState.ACTIVE), "change the max duration of");
		if (!spec.differsOnlyInMaxDuration(newSpec)) {
			throw new IllegalArgumentException(
					"the new spec of task " + taskId + " differs in more than its max duration");
		}
		Integer seconds = newSpec.maxDurationSeconds();
		return settle(next(newSpec, null, RelayTaskState.ACTIVE, lastError, false, now), now, Action.UPDATE,
				Outcome.NO_CALL, null, null,
				"maxDurationSeconds "
						+ ((seconds != null) ? "set to " + seconds : "removed (the app's max-duration applies)")
						+ "; local only, nothing sent to the vendor");
	}

	/**
	 * A relay the vendor lists for the app with no record here, taken over by the orphan
	 * guard (policy adopt) with no vendor call; {@code spec} holds what the list told.
	 */
	public static Transition adoptedFromVendorList(String appId, String taskId, RelaySpec spec, Instant now) {
		RelayTask task = new RelayTask(appId, taskId, spec, null, RelayTaskState.ACTIVE, TaskOrigin.ADOPTED, 1, now,
				now, null, false);
		return new Transition(null, task,
				RelayTaskEvent.of(task, now, Action.ADOPT, Outcome.NO_CALL, null, "UnmanagedRelay",
						"relay listed by the vendor (ListRtcMPUTaskDetail) with no record here; adopted by"
								+ " the orphan guard (policy adopt)"));
	}

	public RelayTask beginUpdate(RelaySpec newSpec, Instant now) {
		require(Set.of(RelayTaskState.ACTIVE), "update");
		return next(spec, newSpec, RelayTaskState.UPDATING, lastError, false, now);
	}

	/**
	 * The pending spec was accepted, by the request itself or sent again by the
	 * reconciler.
	 */
	public Transition updated(Action via, String requestId, Instant now) {
		require(Set.of(RelayTaskState.UPDATING), "complete the update of");
		return settle(next(pendingSpec, null, RelayTaskState.ACTIVE, null, false, now), now, via, Outcome.SUCCEEDED,
				requestId, null, via == Action.RECONCILE ? "update sent again and accepted" : null);
	}

	/**
	 * An update that failed: surely not applied (the task runs on with its previous
	 * spec), or of unknown outcome.
	 */
	public Transition updateFailed(Action via, UpstreamFailure failure, Instant now) {
		require(Set.of(RelayTaskState.UPDATING), "record the failed update of");
		TaskError error = TaskError.from(failure, now);
		RelayTask after = failure.outcomeKnown() ? next(spec, null, RelayTaskState.ACTIVE, error, false, now)
				: next(spec, pendingSpec, RelayTaskState.UPDATING, error, true, now);
		return new Transition(this, after, RelayTaskEvent.failed(after, now, via, failure));
	}

	/**
	 * Refused while another call for the task is in flight; allowed after a call of
	 * unknown outcome (the stop settles it either way). The pending spec stays until the
	 * stop is settled, so that a refused stop can return to the update.
	 */
	public RelayTask beginStop(Instant now) {
		if (!state.mayBeRunning() || callInFlight()) {
			throw new RelayTaskStateConflict(taskId, state, "stop");
		}
		return next(spec, pendingSpec, RelayTaskState.STOPPING, lastError, false, now);
	}

	/**
	 * The vendor confirmed the stop, to the request or to the reconciler sending it
	 * again.
	 */
	public Transition stopped(Action via, String requestId, Instant now) {
		require(Set.of(RelayTaskState.STOPPING), "mark as stopped");
		return settle(next(spec, null, RelayTaskState.STOPPED, null, false, now), now, via, Outcome.SUCCEEDED,
				requestId, null, via == Action.RECONCILE ? "stop sent again and accepted" : null);
	}

	/**
	 * The orphan guard's stop was accepted: the task ran longer than it may; {@code why}
	 * says how long it ran and which limit it passed.
	 */
	public Transition stoppedAsExpired(String requestId, String why, Instant now) {
		require(Set.of(RelayTaskState.STOPPING), "mark as stopped");
		return settle(next(spec, null, RelayTaskState.STOPPED, null, false, now), now, Action.STOP, Outcome.SUCCEEDED,
				requestId, "MaxDurationExceeded", why);
	}

	/**
	 * A stop that failed. Unknown outcome, a retried stop of a stop of unknown outcome,
	 * or a refusal while an earlier call of unknown outcome may still act: stays stopping
	 * for the reconciler. Surely not stopped: back exactly where {@code before} was
	 * (state, pending spec, unknown outcome) with the error.
	 */
	public Transition stopFailed(RelayTask before, UpstreamFailure failure, Instant now) {
		require(Set.of(RelayTaskState.STOPPING), "record the failed stop of");
		TaskError error = TaskError.from(failure, now);
		RelayTask after;
		boolean mayBeThePendingCall = failure instanceof UpstreamFailure.Rejected && before.outcomeUnknown();
		if (!failure.outcomeKnown() || before.state() == RelayTaskState.STOPPING || mayBeThePendingCall) {
			after = next(spec, pendingSpec, RelayTaskState.STOPPING, error, true, now);
		}
		else if (!before.state().mayBeRunning()) {
			throw new RelayTaskStateConflict(taskId, before.state(), "return to");
		}
		else {
			after = next(spec, before.pendingSpec(), before.state(), error, before.outcomeUnknown(), now);
		}
		return new Transition(this, after, RelayTaskEvent.failed(after, now, Action.STOP, failure));
	}

	/**
	 * The vendor refused the stop and its list shows it no longer runs the task (it ends
	 * idle tasks by itself): stopped, with the refusal on record.
	 */
	public Transition stopRefusedAsNotRunning(Action via, UpstreamFailure failure, Instant now) {
		require(Set.of(RelayTaskState.STOPPING), "mark as stopped");
		return settle(next(spec, null, RelayTaskState.STOPPED, null, false, now), now, via, Outcome.REJECTED,
				failure.requestId(), failure.code(), "the vendor refused the stop: it no longer runs the task");
	}

	/** A repeated stop of an ended task: nothing is sent, the state stays. */
	public RelayTaskEvent alreadyEnded(Instant now) {
		require(ENDED, "record a repeated stop of");
		return RelayTaskEvent.of(this, now, Action.STOP, Outcome.NO_CALL, null, null,
				"already " + state.name().toLowerCase() + "; nothing sent to the vendor");
	}

	/** A stopped or failed id taken over again from a client SDK that started it anew. */
	public Transition readopted(RelaySpec newSpec, Instant now) {
		require(ENDED, "adopt");
		RelayTask after = new RelayTask(appId, taskId, newSpec, null, RelayTaskState.ACTIVE, TaskOrigin.ADOPTED,
				version + 1, createdAt, now, null, false);
		return settle(after, now, Action.ADOPT, Outcome.NO_CALL, null, null, "relay started by a client SDK");
	}

	/**
	 * The reconciler is about to send the call again: a call is in flight once more, so
	 * requests wait (409) instead of racing it.
	 */
	public RelayTask resumed(Instant now) {
		require(RelayTaskState.TRANSITIONAL, "resume");
		return next(spec, pendingSpec, state, lastError, false, now);
	}

	/** The re-sent call did not settle anything: the outcome is unknown again. */
	public RelayTask stillUnknown(Instant now) {
		require(RelayTaskState.TRANSITIONAL, "record the unknown outcome of");
		return next(spec, pendingSpec, state, lastError, true, now);
	}

	/** The reconciler found the task in the vendor's list: the start took effect. */
	public Transition startObserved(Instant now) {
		require(Set.of(RelayTaskState.STARTING), "confirm the start of");
		return settle(next(spec, null, RelayTaskState.ACTIVE, null, false, now), now, Action.RECONCILE,
				Outcome.OBSERVED, null, null, "the vendor lists the task: the start took effect");
	}

	/**
	 * The reconciler did not find the task in the vendor's list: the start did not take
	 * effect.
	 */
	public Transition startNotObserved(Instant now) {
		require(Set.of(RelayTaskState.STARTING), "record the missing start of");
		String detail = "the vendor does not list the task: the start did not take effect";
		return settle(
				next(spec, null, RelayTaskState.FAILED, new TaskError("NotRunning", detail, null, now), false, now),
				now, Action.RECONCILE, Outcome.OBSERVED, null, "NotRunning", detail);
	}

	/**
	 * The vendor ended the task by itself (all users left, maxIdleSeconds): whatever was
	 * in flight is moot.
	 */
	public Transition stoppedByVendor(String evidence, Instant now) {
		if (!state.mayBeRunning()) {
			throw new RelayTaskStateConflict(taskId, state, "mark as stopped by the vendor");
		}
		return settle(next(spec, null, RelayTaskState.STOPPED, null, false, now), now, Action.RECONCILE,
				Outcome.OBSERVED, null, "StoppedByVendor", evidence);
	}

	private Transition settle(RelayTask after, Instant now, Action action, Outcome outcome, String requestId,
			String code, String detail) {
		return new Transition(this, after, RelayTaskEvent.of(after, now, action, outcome, requestId, code, detail));
	}

	private RelayTask next(RelaySpec nextSpec, RelaySpec nextPending, RelayTaskState nextState, TaskError error,
			boolean unknown, Instant now) {
		return new RelayTask(appId, taskId, nextSpec, nextPending, nextState, origin, version + 1, createdAt, now,
				error, unknown);
	}

	private void require(Set<RelayTaskState> allowed, String attempted) {
		if (!allowed.contains(state)) {
			throw new RelayTaskStateConflict(taskId, state, attempted);
		}
	}

}
