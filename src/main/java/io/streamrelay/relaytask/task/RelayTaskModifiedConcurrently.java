package io.streamrelay.relaytask.task;

/**
 * Another request changed the task between our read and our write; nothing was sent to
 * the vendor.
 */
public final class RelayTaskModifiedConcurrently extends RuntimeException {

	private final String taskId;

	public RelayTaskModifiedConcurrently(String taskId) {
		super("Relay task '" + taskId + "' was modified by another request; read it again and retry", null, false,
				false);
		this.taskId = taskId;
	}

	public String taskId() {
		return this.taskId;
	}

}
