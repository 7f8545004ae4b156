package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.RelayApps.RelayApp;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SpecPreparation;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTaskNotFound;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.task.TaskError;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;

/**
 * The relay task use cases. Each vendor call is bracketed by two short writes: the intent
 * (a transitional state) before, the outcome after; no transaction spans the call.
 */
public final class RelayTaskService {

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final RelayApps apps;

	private final Clock clock;

	public RelayTaskService(RelayTasks tasks, LiveRelayGateway gateway, RelayApps apps, Clock clock) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.apps = apps;
		this.clock = clock;
	}

	public RelayTask start(String appId, String requestedTaskId, RelaySpec requested) {
		return startTask(appId, requestedTaskId, requested).task();
	}

	/**
	 * The task, and whether this call started it (false: the same relay was already
	 * starting or running).
	 */
	public record StartOutcome(RelayTask task, boolean created) {
	}

	/**
	 * Starts the relay; a repeated start of a relay that is starting or running with the
	 * same spec (a client retrying after a timeout) gets that task back instead of a
	 * conflict, and nothing is sent to the vendor.
	 */
	public StartOutcome startTask(String appId, String requestedTaskId, RelaySpec requested) {
		RelaySpec spec = prepare(appId, requested);
		String taskId = requestedTaskId != null ? requestedTaskId
				: MpuTaskIds.of(appId, spec.channelId(), spec.anchorUserId());
		Optional<RelayTask> existing = this.tasks.find(appId, taskId);
		Optional<RelayTask> same = existing.filter((t) -> SAME_REQUEST_STATES.contains(t.state()))
			.filter((t) -> t.spec()
				.equals(requested.destinations().isEmpty() ? spec.withDestinations(t.spec().destinations()) : spec));
		if (same.isPresent()) {
			return new StartOutcome(same.get(), false);
		}
		return new StartOutcome(startNew(appId, taskId, spec, existing), true);
	}

	private static final java.util.Set<RelayTaskState> SAME_REQUEST_STATES = java.util.Set.of(RelayTaskState.STARTING,
			RelayTaskState.ACTIVE, RelayTaskState.UPDATING);

	private RelayTask startNew(String appId, String taskId, RelaySpec spec, Optional<RelayTask> existing) {
		RelayTask starting = recordStartIntent(appId, taskId, spec, existing);
		try {
			UpstreamReceipt receipt = this.gateway.start(appId, taskId, spec);
			return settle(starting, starting.started(clock.instant()),
					RelayTaskEvent.succeeded(starting, Action.START, receipt.requestId(), clock.instant()));
		}
		catch (UpstreamFailure failure) {
			RelayTask after = failure.outcomeKnown()
					? starting.startRejected(TaskError.from(failure, clock.instant()), clock.instant())
					: starting.outcomeUnknown(TaskError.from(failure, clock.instant()), clock.instant());
			settle(starting, after, RelayTaskEvent.failed(starting, Action.START, failure, clock.instant()));
			throw failure;
		}
	}

	/** Takes over a relay a client SDK started: recorded as active, no vendor call. */
	public RelayTask adopt(String appId, String requestedTaskId, RelaySpec requested) {
		RelaySpec spec = prepare(appId, requested);
		String taskId = MpuTaskIds.of(appId, spec.channelId(), spec.anchorUserId());
		if (requestedTaskId != null && !requestedTaskId.equals(taskId)) {
			throw new InvalidRelaySpec("taskId", "must be absent or equal the client SDK's MPUTaskId " + taskId);
		}
		RelayTask adopted = RelayTask.adopted(appId, taskId, spec, clock.instant());
		RelayTaskEvent event = RelayTaskEvent.noCall(adopted, Action.ADOPT, "relay started by a client SDK",
				clock.instant());
		Optional<RelayTask> existing = this.tasks.find(appId, taskId);
		if (existing.isEmpty()) {
			this.tasks.insert(adopted, event);
			return adopted;
		}
		RelayTask previous = existing.get();
		if (previous.state().mayBeRunning()) {
			throw new RelayTaskAlreadyExists(taskId, previous.state());
		}
		RelayTask replaced = previous.readopted(spec, clock.instant());
		write(replaced, previous.version(), event);
		return replaced;
	}

	/**
	 * Sends the whole {@code requested} spec to the vendor if the task is still at
	 * {@code expectedVersion}.
	 */
	public RelayTask update(String appId, String taskId, long expectedVersion, RelaySpec requested) {
		RelayTask current = get(appId, taskId);
		if (current.version() != expectedVersion) {
			throw new RelayTaskModifiedConcurrently(taskId);
		}
		return update(current, requested);
	}

	/**
	 * Sends the whole {@code requested} spec for the task as the caller read it; the
	 * write fails if the task changed since.
	 */
	public RelayTask update(RelayTask current, RelaySpec requested) {
		String appId = current.appId();
		String taskId = current.taskId();
		RelaySpec spec = SpecPreparation.forUpdate(app(appId), current.spec(), requested);
		RelayTask updating = current.beginUpdate(spec, clock.instant());
		write(updating, current.version(), null);
		try {
			UpstreamReceipt receipt = this.gateway.update(appId, taskId, spec);
			return settle(updating, updating.updated(clock.instant()),
					RelayTaskEvent.succeeded(updating, Action.UPDATE, receipt.requestId(), clock.instant()));
		}
		catch (UpstreamFailure failure) {
			TaskError error = TaskError.from(failure, clock.instant());
			RelayTask after = failure.outcomeKnown() ? updating.updateRejected(error, clock.instant())
					: updating.outcomeUnknown(error, clock.instant());
			settle(updating, after, RelayTaskEvent.failed(updating, Action.UPDATE, failure, clock.instant()));
			throw failure;
		}
	}

	public RelayTask stop(String appId, String taskId) {
		return stop(appId, taskId, null);
	}

	/**
	 * Stops the task; when {@code expectedVersion} is given, only if the task is still at
	 * that version.
	 */
	public RelayTask stop(String appId, String taskId, Long expectedVersion) {
		RelayTask current = get(appId, taskId);
		if (expectedVersion != null && current.version() != expectedVersion) {
			throw new RelayTaskModifiedConcurrently(taskId);
		}
		return stop(current);
	}

	/**
	 * Stops the task as the caller read it; the write fails if the task changed since.
	 */
	public RelayTask stop(RelayTask current) {
		String appId = current.appId();
		String taskId = current.taskId();
		if (!current.state().mayBeRunning()) {
			RelayTaskEvent last = this.tasks.lastEvent(appId, taskId).orElse(null);
			// one record of "already stopped" is enough: repeated DELETEs must not grow
			// the history without bound
			if (last == null || last.action() != Action.STOP || last.outcome() != RelayTaskEvent.Outcome.NO_CALL) {
				this.tasks.append(RelayTaskEvent.noCall(current, Action.STOP,
						"already " + current.state().name().toLowerCase() + "; nothing sent to the vendor",
						clock.instant()));
			}
			return current;
		}
		if (current.state().isTransitional() && current.lastError() == null) {
			throw new RelayTaskStateConflict(taskId, current.state(), "stop");
		}
		RelayTask stopping = current.beginStop(clock.instant());
		write(stopping, current.version(), null);
		try {
			UpstreamReceipt receipt = this.gateway.stop(appId, taskId);
			return settle(stopping, stopping.stopped(clock.instant()),
					RelayTaskEvent.succeeded(stopping, Action.STOP, receipt.requestId(), clock.instant()));
		}
		catch (UpstreamFailure failure) {
			return settleFailedStop(current, stopping, failure);
		}
	}

	private RelayTask settleFailedStop(RelayTask before, RelayTask stopping, UpstreamFailure failure) {
		TaskError error = TaskError.from(failure, clock.instant());
		RelayTaskEvent event = RelayTaskEvent.failed(stopping, Action.STOP, failure, clock.instant());
		if (failure instanceof UpstreamFailure.Rejected && vendorDoesNotRun(stopping)) {
			// The vendor refuses to stop what it no longer runs (it auto-stops idle
			// tasks): that is stopped.
			return settle(stopping, stopping.stopped(clock.instant()), event);
		}
		RelayTask after = failure.outcomeKnown() ? stopping.stopRejected(before.state(), error, clock.instant())
				: stopping.outcomeUnknown(error, clock.instant());
		settle(stopping, after, event);
		throw failure;
	}

	private boolean vendorDoesNotRun(RelayTask task) {
		if (task.origin() != TaskOrigin.API) {
			// The vendor lists only API-created tasks, so an SDK relay cannot be looked
			// up; a Stop carries nothing
			// but the ids, so its refusal means the vendor no longer knows the task (it
			// ended when users left).
			return true;
		}
		try {
			return this.gateway.describe(task.appId(), task.taskId()).isEmpty();
		}
		catch (UpstreamFailure ex) {
			return false;
		}
	}

	public RelayTask get(String appId, String taskId) {
		app(appId);
		return this.tasks.find(appId, taskId).orElseThrow(() -> new RelayTaskNotFound(appId, taskId));
	}

	public List<RelayTask> list(String appId, TaskQuery query) {
		app(appId);
		return this.tasks.list(appId, query);
	}

	public List<RelayTaskEvent> events(String appId, String taskId) {
		get(appId, taskId);
		return this.tasks.events(appId, taskId);
	}

	/** A page of a task's history, oldest first. */
	public List<RelayTaskEvent> events(String appId, String taskId, int offset, int limit) {
		get(appId, taskId);
		return this.tasks.events(appId, taskId, offset, limit);
	}

	private RelaySpec prepare(String appId, RelaySpec requested) {
		return SpecPreparation.forStart(app(appId), requested);
	}

	private RelayApp app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new UnknownApp(appId));
	}

	/**
	 * {@code existing} is what the caller just read; a writer in between loses the insert
	 * or the CAS.
	 */
	private RelayTask recordStartIntent(String appId, String taskId, RelaySpec spec, Optional<RelayTask> existing) {
		if (existing.isEmpty()) {
			RelayTask starting = RelayTask.starting(appId, taskId, spec, clock.instant());
			this.tasks.insert(starting, null);
			return starting;
		}
		RelayTask previous = existing.get();
		if (previous.state().mayBeRunning()) {
			throw new RelayTaskAlreadyExists(taskId, previous.state());
		}
		RelayTask restarting = previous.restart(spec, clock.instant());
		if (!this.tasks.update(restarting, previous.version(), null)) {
			throw new RelayTaskAlreadyExists(taskId, null);
		}
		return restarting;
	}

	private void write(RelayTask next, long expectedVersion, RelayTaskEvent event) {
		if (!this.tasks.update(next, expectedVersion, event)) {
			throw new RelayTaskModifiedConcurrently(next.taskId());
		}
	}

	/**
	 * Records the outcome of a vendor call; if another writer moved the task meanwhile,
	 * keeps the history.
	 */
	private RelayTask settle(RelayTask before, RelayTask after, RelayTaskEvent event) {
		if (this.tasks.update(after, before.version(), event)) {
			return after;
		}
		this.tasks.append(event);
		return get(before.appId(), before.taskId());
	}

}
