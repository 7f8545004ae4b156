package io.streamrelay.relaytask.usecase;

import java.util.List;
import java.util.Set;

import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.DestinationAddress;
import io.streamrelay.relaytask.task.DestinationInUse;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;

/**
 * Refuses, before any vendor call, a destination one of our own running tasks already
 * pushes to (the vendor refuses it too, after billing the call). A check, not a lock: two
 * replicas starting tasks on the same address at the same instant may both pass, and then
 * the vendor refuses the second.
 */
final class DestinationGuard {

	private static final Set<RelayTaskState> RUNNING = Set.of(RelayTaskState.STARTING, RelayTaskState.ACTIVE,
			RelayTaskState.UPDATING);

	private final RelayTasks tasks;

	DestinationGuard(RelayTasks tasks) {
		this.tasks = tasks;
	}

	void requireFree(String appId, String taskId, RelaySpec spec) {
		TaskKey self = new TaskKey(appId, taskId);
		for (String destination : spec.destinations()) {
			List<TaskKey> users = this.tasks.usingDestination(RUNNING, DestinationAddress.of(destination), self);
			if (!users.isEmpty()) {
				TaskKey user = users.stream()
					.filter((key) -> key.appId().equals(appId))
					.findFirst()
					.orElse(users.get(0));
				throw new DestinationInUse(destination, user.appId().equals(appId) ? user.taskId() : null);
			}
		}
	}

}
