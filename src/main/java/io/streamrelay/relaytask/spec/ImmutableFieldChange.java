package io.streamrelay.relaytask.spec;

/**
 * A desired spec changes a field the vendor cannot change on a running task
 * (UpdateLiveMPUTask does not take it, docs/aliyun-mpu-api.md §2.2): the task must be
 * stopped first.
 */
public class ImmutableFieldChange extends RuntimeException {

	private final String taskId;

	private final String field;

	public ImmutableFieldChange(String taskId, String field) {
		super(field + " of running task " + taskId + " cannot be changed: the vendor's UpdateLiveMPUTask does not take"
				+ " it. Stop the task first (DELETE), then PUT again to start it with the new value", null, false,
				false);
		this.taskId = taskId;
		this.field = field;
	}

	public String taskId() {
		return this.taskId;
	}

	public String field() {
		return this.field;
	}

}
