package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.usecase.RelayTaskService.StartOutcome;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;

/**
 * The start use case: the same start repeated gets the task back with no vendor call;
 * otherwise intent (insert, or restart of an ended task), vendor call, outcome.
 */
final class StartRelay {

	private static final Set<RelayTaskState> SAME_REQUEST_STATES = Set.of(RelayTaskState.STARTING,
			RelayTaskState.ACTIVE, RelayTaskState.UPDATING);

	private final RelayTasks tasks;

	private final TaskWrites writes;

	private final LiveRelayGateway gateway;

	private final Clock clock;

	private final DestinationGuard destinations;

	StartRelay(RelayTasks tasks, LiveRelayGateway gateway, Clock clock, DestinationGuard destinations) {
		this.tasks = tasks;
		this.writes = new TaskWrites(tasks);
		this.gateway = gateway;
		this.clock = clock;
		this.destinations = destinations;
	}

	/**
	 * {@code spec} is prepared; {@code defaultDestinations}: the caller named none, so a
	 * running task with other (re-signed) destinations is still the same request.
	 */
	StartOutcome start(String appId, String requestedTaskId, RelaySpec spec, boolean defaultDestinations) {
		String taskId = requestedTaskId != null ? requestedTaskId
				: MpuTaskIds.of(appId, spec.channelId(), spec.anchorUserId());
		Optional<RelayTask> existing = this.tasks.find(appId, taskId);
		Optional<RelayTask> same = existing.filter((t) -> SAME_REQUEST_STATES.contains(t.state()))
			.filter((t) -> t.spec()
				.equals(defaultDestinations ? spec.withDestinations(t.spec().destinations()) : spec));
		if (same.isPresent()) {
			return new StartOutcome(same.get(), false);
		}
		// the task's own conflict comes first: its destinations are not the caller's
		// fault
		Optional<RelayTask> running = existing.filter((t) -> t.state().mayBeRunning());
		if (running.isPresent()) {
			throw new RelayTaskAlreadyExists(taskId, running.get().state());
		}
		RelayTask starting = this.destinations.claim(appId, taskId, spec,
				() -> recordIntent(appId, taskId, spec, existing));
		try {
			UpstreamReceipt receipt = this.gateway.start(appId, taskId, spec);
			return new StartOutcome(this.writes.outcome(starting.started(receipt.requestId(), this.clock.instant())),
					true);
		}
		catch (UpstreamFailure failure) {
			this.writes.outcome(starting.startFailed(failure, this.clock.instant()));
			throw failure;
		}
	}

	/**
	 * {@code existing} is what the caller just read; a writer in between loses the insert
	 * or the CAS.
	 */
	private RelayTask recordIntent(String appId, String taskId, RelaySpec spec, Optional<RelayTask> existing) {
		if (existing.isEmpty()) {
			RelayTask starting = RelayTask.starting(appId, taskId, spec, this.clock.instant());
			this.tasks.insert(starting, null);
			return starting;
		}
		RelayTask previous = existing.get();
		RelayTask restarting = previous.restart(spec, this.clock.instant());
		if (!this.tasks.update(restarting, previous.version(), null)) {
			throw new RelayTaskAlreadyExists(taskId, null);
		}
		return restarting;
	}

}
