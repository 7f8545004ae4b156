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
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.task.Transition;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;

/**
 * The relay task use cases. Each vendor call is bracketed by two short writes: the intent
 * (a transitional state) before, the outcome after; no transaction spans the call.
 */
public final class RelayTaskService {

	static final String NO_ANCHOR = "is required when mixed.users is omitted (mixing every user of the channel): "
			+ "no anchor user names the task";

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final RelayApps apps;

	private final Clock clock;

	private final TaskWrites writes;

	private final StopRelay stops;

	private final StartRelay starts;

	private final DestinationGuard destinations;

	public RelayTaskService(RelayTasks tasks, LiveRelayGateway gateway, RelayApps apps, Clock clock) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.apps = apps;
		this.clock = clock;
		this.writes = new TaskWrites(tasks);
		this.stops = new StopRelay(tasks, gateway, clock);
		this.destinations = new DestinationGuard(tasks);
		this.starts = new StartRelay(tasks, gateway, clock, this.destinations);
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
		if (requestedTaskId == null && mixesEveryUser(requested)) {
			throw new InvalidRelaySpec("taskId", NO_ANCHOR);
		}
		RelaySpec spec = prepare(appId, requested);
		return this.starts.start(appId, requestedTaskId, spec, requested.destinations().isEmpty());
	}

	/** Takes over a relay a client SDK started: recorded as active, no vendor call. */
	public RelayTask adopt(String appId, String requestedTaskId, RelaySpec requested) {
		if (requested.anchorUserId() == null) {
			throw new InvalidRelaySpec("mixed.users",
					"must name the anchor user: a client SDK relay is named after it");
		}
		RelaySpec spec = prepare(appId, requested);
		String taskId = MpuTaskIds.of(appId, spec.channelId(), spec.anchorUserId());
		if (requestedTaskId != null && !requestedTaskId.equals(taskId)) {
			throw new InvalidRelaySpec("taskId", "must be absent or equal the client SDK's MPUTaskId " + taskId);
		}
		Optional<RelayTask> existing = this.tasks.find(appId, taskId);
		if (existing.isEmpty()) {
			Transition adopted = RelayTask.adopted(appId, taskId, spec, this.clock.instant());
			this.tasks.insert(adopted.after(), adopted.event());
			return adopted.after();
		}
		RelayTask previous = existing.get();
		if (previous.state().mayBeRunning()) {
			throw new RelayTaskAlreadyExists(taskId, previous.state());
		}
		Transition readopted = previous.readopted(spec, this.clock.instant());
		this.writes.transition(readopted);
		return readopted.after();
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
		RelaySpec local = SpecPreparation.normalize(app(appId), requested);
		if (current.spec().differsOnlyInMaxDuration(local)) {
			// maxDurationSeconds is ours alone: no UpdateLiveMPUTask just for it
			Transition changed = current.maxDurationChanged(local, this.clock.instant());
			this.writes.transition(changed);
			return changed.after();
		}
		RelaySpec spec = SpecPreparation.forUpdate(app(appId), current.spec(), requested);
		RelayTask updating = current.beginUpdate(spec, this.clock.instant());
		this.destinations.claim(appId, taskId, spec, () -> {
			this.writes.intent(updating, current.version());
			return updating;
		});
		try {
			UpstreamReceipt receipt = this.gateway.update(appId, taskId, spec);
			return this.writes.outcome(updating.updated(Action.UPDATE, receipt.requestId(), this.clock.instant()));
		}
		catch (UpstreamFailure failure) {
			this.writes.outcome(updating.updateFailed(Action.UPDATE, failure, this.clock.instant()));
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
		if (expectedVersion == null) {
			// no precondition: a vendor event or the reconciler moving the task meanwhile
			// is no reason to refuse
			return this.stops.stopLatest(() -> get(appId, taskId));
		}
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
		return this.stops.stop(current);
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

	private static boolean mixesEveryUser(RelaySpec spec) {
		return spec.mode() == io.streamrelay.relaytask.spec.RelayMode.MIXED && spec.mixed() != null
				&& spec.mixed().users().isEmpty();
	}

	private RelaySpec prepare(String appId, RelaySpec requested) {
		return SpecPreparation.forStart(app(appId), requested);
	}

	private RelayApp app(String appId) {
		return this.apps.find(appId).orElseThrow(() -> new UnknownApp(appId));
	}

}
