package io.streamrelay.relaytask.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;

/**
 * The relay task aggregate: identity, the latest spec the vendor accepted, the spec in
 * flight during an update, and the lifecycle state. Every transition returns a new task
 * with the version incremented.
 */
public record RelayTask(String appId, String taskId, RelaySpec spec, RelaySpec pendingSpec, RelayTaskState state,
		TaskOrigin origin, long version, Instant createdAt, Instant updatedAt, TaskError lastError) {

	public RelayTask {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(taskId, "taskId");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(origin, "origin");
	}

	public static RelayTask starting(String appId, String taskId, RelaySpec spec, Instant now) {
		return new RelayTask(appId, taskId, spec, null, RelayTaskState.STARTING, TaskOrigin.API, 1, now, now, null);
	}

	public static RelayTask adopted(String appId, String taskId, RelaySpec spec, Instant now) {
		return new RelayTask(appId, taskId, spec, null, RelayTaskState.ACTIVE, TaskOrigin.ADOPTED, 1, now, now, null);
	}

	public String channelId() {
		return this.spec.channelId();
	}

	public RelayMode mode() {
		return this.spec.mode();
	}

	/** Starts a stopped or failed task again under the same id. */
	public RelayTask restart(RelaySpec newSpec, Instant now) {
		require(Set.of(RelayTaskState.STOPPED, RelayTaskState.FAILED), "start");
		return new RelayTask(appId, taskId, newSpec, null, RelayTaskState.STARTING, TaskOrigin.API, version + 1,
				createdAt, now, null);
	}

	public RelayTask started(Instant now) {
		require(Set.of(RelayTaskState.STARTING), "mark as started");
		return next(spec, null, RelayTaskState.ACTIVE, null, now);
	}

	public RelayTask startRejected(TaskError error, Instant now) {
		require(Set.of(RelayTaskState.STARTING), "mark as failed");
		return next(spec, null, RelayTaskState.FAILED, error, now);
	}

	public RelayTask beginUpdate(RelaySpec newSpec, Instant now) {
		require(Set.of(RelayTaskState.ACTIVE), "update");
		return next(spec, newSpec, RelayTaskState.UPDATING, lastError, now);
	}

	public RelayTask updated(Instant now) {
		require(Set.of(RelayTaskState.UPDATING), "complete the update of");
		return next(pendingSpec, null, RelayTaskState.ACTIVE, null, now);
	}

	/** The vendor refused the update: it keeps running with the previous spec. */
	public RelayTask updateRejected(TaskError error, Instant now) {
		require(Set.of(RelayTaskState.UPDATING), "roll back the update of");
		return next(spec, null, RelayTaskState.ACTIVE, error, now);
	}

	public RelayTask beginStop(Instant now) {
		if (!state.mayBeRunning()) {
			throw new RelayTaskStateConflict(taskId, state, "stop");
		}
		// the pending spec stays until the stop is settled, so that a refused stop can
		// return to the update
		return next(spec, pendingSpec, RelayTaskState.STOPPING, lastError, now);
	}

	public RelayTask stopped(Instant now) {
		require(Set.of(RelayTaskState.STOPPING), "mark as stopped");
		return next(spec, null, RelayTaskState.STOPPED, null, now);
	}

	/**
	 * The stop surely did not happen (refused, or never sent): the task is back in the
	 * state it had before the stop.
	 */
	public RelayTask stopRejected(RelayTaskState previous, TaskError error, Instant now) {
		require(Set.of(RelayTaskState.STOPPING), "roll back the stop of");
		if (!previous.mayBeRunning() || previous == RelayTaskState.STOPPING) {
			throw new RelayTaskStateConflict(taskId, previous, "return to");
		}
		return next(spec, previous == RelayTaskState.UPDATING ? pendingSpec : null, previous, error, now);
	}

	/**
	 * The vendor ended the task by itself (all users left, maxIdleSeconds): whatever was
	 * in flight is moot.
	 */
	public RelayTask stoppedByVendor(Instant now) {
		if (!state.mayBeRunning()) {
			throw new RelayTaskStateConflict(taskId, state, "mark as stopped by the vendor");
		}
		return next(spec, null, RelayTaskState.STOPPED, null, now);
	}

	/**
	 * A stopped or failed id taken over again from a client SDK that started the relay
	 * anew.
	 */
	public RelayTask readopted(RelaySpec newSpec, Instant now) {
		require(Set.of(RelayTaskState.STOPPED, RelayTaskState.FAILED), "adopt");
		return new RelayTask(appId, taskId, newSpec, null, RelayTaskState.ACTIVE, TaskOrigin.ADOPTED, version + 1,
				createdAt, now, null);
	}

	/**
	 * A vendor call of unknown outcome: the state stays transitional for the reconciler
	 * to resolve.
	 */
	public RelayTask outcomeUnknown(TaskError error, Instant now) {
		if (!state.isTransitional()) {
			throw new RelayTaskStateConflict(taskId, state, "record an unknown outcome for");
		}
		return next(spec, pendingSpec, state, error, now);
	}

	private RelayTask next(RelaySpec nextSpec, RelaySpec nextPending, RelayTaskState nextState, TaskError error,
			Instant now) {
		return new RelayTask(appId, taskId, nextSpec, nextPending, nextState, origin, version + 1, createdAt, now,
				error);
	}

	private void require(Set<RelayTaskState> allowed, String attempted) {
		if (!allowed.contains(state)) {
			throw new RelayTaskStateConflict(taskId, state, attempted);
		}
	}

}
