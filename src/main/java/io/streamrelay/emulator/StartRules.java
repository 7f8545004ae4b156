package io.streamrelay.emulator;

import java.time.Instant;
import java.util.Map;

import io.streamrelay.emulator.EmulatorState.TaskKey;

/**
 * The vendor's rules for a task that starts or changes: the per-AppId task quota and the
 * stream URL that another task uses or that is cooling down (docs/aliyun-mpu-api.md
 * §2.9).
 */
final class StartRules {

	private StartRules() {
	}

	/**
	 * Nobody has joined the channel yet, the most common start refusal
	 * (docs/aliyun-mpu-api.md §2.9, §9). Its code string is not documented (§8.2): the
	 * documented family's InvalidParam with a message naming the fact.
	 */
	static ApiError channelNotFound(String channelId) {
		return ApiError.invalidParam("The channel " + channelId + " does not exist: no user has joined it yet.");
	}

	static void checkQuota(Map<TaskKey, EmulatedTask> tasks, EmulatorProperties properties, TaskSpec spec,
			TaskKey self) {
		boolean mixed = "1".equals(spec.mixMode());
		long running = tasks.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals(self) && entry.getValue().running())
			.filter((entry) -> entry.getValue().appId().equals(spec.appId()) && entry.getValue().mixed() == mixed)
			.count();
		int quota = mixed ? properties.mixedQuota() : properties.singleQuota();
		if (running >= quota) {
			// unconfirmed: the vendor's code string for an exhausted task quota is not
			// documented (§2.9)
			throw new ApiError(400, "QuotaExceeded", "The AppId " + spec.appId() + " already runs " + running + " "
					+ (mixed ? "mixed" : "single-stream") + " tasks, the quota is " + quota + ".");
		}
	}

	static void checkStreamUrls(Map<TaskKey, EmulatedTask> tasks, EmulatorProperties properties, Instant now,
			TaskSpec spec, TaskKey self) {
		Instant cooldownStart = now.minus(properties.streamUrlCooldown());
		for (Map.Entry<TaskKey, EmulatedTask> entry : tasks.entrySet()) {
			EmulatedTask other = entry.getValue();
			boolean blocking = other.running() ? !entry.getKey().equals(self)
					: other.stoppedAt().isAfter(cooldownStart);
			if (!blocking) {
				continue;
			}
			for (String url : spec.streamUrls()) {
				if (other.streamUrls().contains(url)) {
					throw ApiError.invalidParam("The stream URL " + url + " is "
							+ (other.running() ? "used by the running task " + other.taskId()
									: "cooling down after task " + other.taskId() + " stopped")
							+ ".");
				}
			}
		}
	}

}
