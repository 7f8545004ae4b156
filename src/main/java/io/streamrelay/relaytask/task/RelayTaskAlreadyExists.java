package io.streamrelay.relaytask.task;

/** A task with this id is already known and may still be running at the vendor. */
public final class RelayTaskAlreadyExists extends RuntimeException {

	private final String taskId;

	public RelayTaskAlreadyExists(String taskId, RelayTaskState state) {
		super("Relay task '" + taskId + "' already exists"
				+ (state == null ? "" : " in state " + state.name().toLowerCase())
				+ "; stop it first or choose another taskId", null, false, false);
		this.taskId = taskId;
	}

	public String taskId() {
		return this.taskId;
	}

}
