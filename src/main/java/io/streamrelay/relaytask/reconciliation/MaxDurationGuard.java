package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;
import io.streamrelay.relaytask.task.Transition;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the active tasks that ran longer than their own {@code maxDurationSeconds} or,
 * without one, their app's {@code max-duration}: intent (stopping), one StopLiveMPUTask,
 * outcome with the reason in the history. A stop that fails leaves the task stopping with
 * its error, for the reconciler to send again.
 */
public final class MaxDurationGuard {

	private static final Logger log = LoggerFactory.getLogger(MaxDurationGuard.class);

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final Clock clock;

	private final MaxDurations limits;

	/**
	 * Tasks with a limit of their own read per pass: the vendor's quotas keep them few.
	 */
	static final int OWN_LIMIT_SCAN = 10_000;

	private volatile Map<String, Integer> lastOverAge = Map.of();

	public MaxDurationGuard(RelayTasks tasks, LiveRelayGateway gateway, Clock clock, MaxDurations limits) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.clock = clock;
		this.limits = limits;
	}

	public MaxDurations limits() {
		return this.limits;
	}

	/**
	 * Stops up to {@code batchSize} expired tasks per app; returns how many it stopped.
	 */
	public synchronized int stopExpired(int batchSize) {
		int stopped = 0;
		Map<String, Integer> overAge = new TreeMap<>();
		for (Map.Entry<String, Duration> limit : this.limits.byApp().entrySet()) {
			Instant cutoff = this.clock.instant().minus(limit.getValue());
			overAge.putIfAbsent(limit.getKey(), 0);
			for (TaskKey key : this.tasks.activeSince(limit.getKey(), cutoff, batchSize)) {
				stopped += count(stopOne(key), key, overAge);
			}
		}
		Instant now = this.clock.instant();
		List<TaskKey> ownExpired = this.tasks.activeWithOwnLimit(OWN_LIMIT_SCAN)
			.stream()
			.filter((own) -> !now.isBefore(own.runningSince().plus(own.maxDuration())))
			.limit(batchSize)
			.map(RelayTasks.OwnLimit::key)
			.toList();
		for (TaskKey key : ownExpired) {
			stopped += count(stopOne(key), key, overAge);
		}
		this.lastOverAge = Map.copyOf(overAge);
		return stopped;
	}

	private static int count(boolean stopped, TaskKey key, Map<String, Integer> overAge) {
		overAge.merge(key.appId(), stopped ? 0 : 1, Integer::sum);
		return stopped ? 1 : 0;
	}

	/**
	 * Per app, how many tasks the last pass found past their limit and did not stop (the
	 * stop failed and is retried): apps with a limit and none over age show 0.
	 */
	public Map<String, Integer> lastOverAge() {
		return this.lastOverAge;
	}

	private boolean stopOne(TaskKey key) {
		try {
			RelayTask current = this.tasks.find(key.appId(), key.taskId()).orElse(null);
			Instant since = this.tasks.runningSince(key.appId(), key.taskId()).orElse(null);
			if (current == null || current.state() != RelayTaskState.ACTIVE || since == null
					|| !this.limits.expired(key.appId(), current.spec(), since, this.clock.instant())) {
				return false; // a request moved it meanwhile
			}
			RelayTask stopping = current.beginStop(this.clock.instant());
			if (!this.tasks.update(stopping, current.version(), null)) {
				return false;
			}
			String why = why(current, since);
			log.info("Relay task {}/{}: stopping, it {}", key.appId(), key.taskId(), why);
			return send(current, stopping, why);
		}
		catch (RuntimeException ex) {
			log.warn("Could not stop expired relay task {}/{}; the next run tries again", key.appId(), key.taskId(),
					ex);
			return false;
		}
	}

	private String why(RelayTask task, Instant since) {
		Integer own = task.spec().maxDurationSeconds();
		String limit = (own != null) ? "its maxDurationSeconds " + own + " (" + Duration.ofSeconds(own) + ")"
				: "the app's max-duration " + this.limits.of(task.appId()).orElseThrow();
		return "ran longer than " + limit + " (running since " + since + ")";
	}

	private boolean send(RelayTask current, RelayTask stopping, String why) {
		try {
			UpstreamReceipt receipt = this.gateway.stop(stopping.appId(), stopping.taskId());
			return save(stopping.stoppedAsExpired(receipt.requestId(), why, this.clock.instant()));
		}
		catch (UpstreamFailure failure) {
			// whatever the vendor said, the task stays stopping: the reconciler sends the
			// stop again after its grace and settles it with the vendor's list
			save(stopping.stopFailed(stopping, failure, this.clock.instant()));
			log.warn("Relay task {}/{}: the stop of an expired task failed ({}); the reconciler retries",
					current.appId(), current.taskId(), failure.code());
			return false;
		}
	}

	private boolean save(Transition transition) {
		boolean saved = this.tasks.update(transition.after(), transition.before().version(), transition.event());
		if (saved) {
			log.info("Relay task {}/{}: stopping -> {} by the orphan guard", transition.after().appId(),
					transition.after().taskId(), transition.after().state().name().toLowerCase());
		}
		return saved && transition.after().state() == RelayTaskState.STOPPED;
	}

}
