package io.streamrelay.relaytask.task;

/**
 * The requested change is not allowed in the task's current state (for example an update
 * while stopping).
 */
public final class RelayTaskStateConflict extends RuntimeException {

	private final String taskId;

	private final RelayTaskState state;

	public RelayTaskStateConflict(String taskId, RelayTaskState state, String attempted) {
		super("Cannot " + attempted + " relay task '" + taskId + "' while it is " + state.name().toLowerCase(), null,
				false, false);
		this.taskId = taskId;
		this.state = state;
	}

	public String taskId() {
		return this.taskId;
	}

	public RelayTaskState state() {
		return this.state;
	}

}
