package io.streamrelay.relaytask.api;

/** The task's current ETag does not match the request's {@code If-Match}. */
final class PreconditionFailed extends RuntimeException {

	private final String taskId;

	PreconditionFailed(String taskId) {
		super("Relay task '" + taskId + "' has changed since the ETag in If-Match was read; GET it again", null, false,
				false);
		this.taskId = taskId;
	}

	String taskId() {
		return this.taskId;
	}

}
