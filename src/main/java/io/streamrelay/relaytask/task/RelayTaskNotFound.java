package io.streamrelay.relaytask.task;

/** No task with this id exists for this app. */
public final class RelayTaskNotFound extends RuntimeException {

	public RelayTaskNotFound(String appId, String taskId) {
		super("No relay task '" + taskId + "' in app '" + appId + "'", null, false, false);
	}

}
