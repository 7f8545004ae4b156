package io.streamrelay.relaytask.vendor;

import java.util.Optional;

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

	/**
	 * Whether the vendor's answer to a lookup proves the task runs: absent proves it does
	 * not, listed proves it does only where the list holds running tasks alone.
	 */
	public static boolean provesRunning(Optional<UpstreamTaskView> lookup) {
		return lookup.map(UpstreamTaskView::provesRunning).orElse(false);
	}

}
