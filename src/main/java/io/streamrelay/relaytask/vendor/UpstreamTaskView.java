package io.streamrelay.relaytask.vendor;

import io.streamrelay.relaytask.spec.RelayMode;

/**
 * What the vendor's task list shows about a task (API-created tasks only).
 * {@code mayBeStopped}: the list may keep stopped tasks (docs/aliyun-mpu-api.md §9: not
 * documented either way), so being listed proves only that the task was created, not that
 * it runs.
 */
public record UpstreamTaskView(String appId, String taskId, String channelId, RelayMode mode, boolean mayBeStopped) {

	/** A listing from a vendor whose list holds running tasks only. */
	public UpstreamTaskView(String appId, String taskId, String channelId, RelayMode mode) {
		this(appId, taskId, channelId, mode, false);
	}

	/** Whether being listed proves that the vendor runs the task now. */
	public boolean provesRunning() {
		return !this.mayBeStopped;
	}

}
