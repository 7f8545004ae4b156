package io.streamrelay.relaytask.task;

/**
 * A vendor call was made but its outcome could not be written (the database failed in
 * between): the task stays in its transitional state, and the reconciler settles it once
 * its grace period has passed.
 */
public final class OutcomeNotRecorded extends RuntimeException {

	private final String taskId;

	public OutcomeNotRecorded(String taskId, RuntimeException cause) {
		super("The vendor was called for relay task '" + taskId
				+ "' but its outcome could not be recorded: the outcome is unknown to the service, the task stays in"
				+ " its transitional state and the reconciler settles it; read the task again later", cause);
		this.taskId = taskId;
	}

	public String taskId() {
		return this.taskId;
	}

}
