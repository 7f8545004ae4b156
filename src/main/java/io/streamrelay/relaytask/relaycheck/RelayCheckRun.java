package io.streamrelay.relaytask.relaycheck;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;
import io.streamrelay.relaytask.vendor.LiveStreamStatus;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the CDN check over the active tasks whose stream is ours to check, one
 * DescribeLiveStreamsOnlineList per task, each after {@code pace} allows it (the QPS
 * budget).
 */
public final class RelayCheckRun {

	private static final Logger log = LoggerFactory.getLogger(RelayCheckRun.class);

	private final RelayTasks tasks;

	private final RelayChecks checks;

	private final LiveStreamStatus cdn;

	private final Function<RelayTask, Optional<RelayTarget>> targets;

	private final Runnable pace;

	private final Clock clock;

	private final Duration grace;

	public RelayCheckRun(RelayTasks tasks, RelayChecks checks, LiveStreamStatus cdn,
			Function<RelayTask, Optional<RelayTarget>> targets, Runnable pace, Clock clock, Duration grace) {
		this.tasks = tasks;
		this.checks = checks;
		this.cdn = cdn;
		this.targets = targets;
		this.pace = pace;
		this.clock = clock;
		this.grace = grace;
	}

	/** Checks up to {@code limit} tasks; returns how many were checked. */
	public int run(int limit) {
		this.checks.forgetInactive();
		int checked = 0;
		TaskKey after = null;
		while (checked < limit) {
			List<RelayTask> page = this.tasks.inStates(Set.of(RelayTaskState.ACTIVE), after, 100);
			for (RelayTask task : page) {
				if (checked >= limit) {
					break;
				}
				checked += checkOne(task) ? 1 : 0;
			}
			if (page.size() < 100) {
				break;
			}
			RelayTask last = page.get(page.size() - 1);
			after = new TaskKey(last.appId(), last.taskId());
		}
		return checked;
	}

	private boolean checkOne(RelayTask task) {
		Optional<RelayTarget> target = this.targets.apply(task);
		if (target.isEmpty()) {
			return false;
		}
		try {
			this.pace.run();
			boolean online = this.cdn.online(target.get().domain(), target.get().appName(), target.get().streamName());
			RelayCheckRules.Outcome outcome = RelayCheckRules.observe(task,
					this.checks.find(task.appId(), task.taskId()), online, this.clock.instant(), this.grace);
			if (outcome.transition().isPresent()) {
				var transition = outcome.transition().get();
				if (!this.tasks.update(transition.after(), task.version(), transition.event())) {
					return true; // the task changed meanwhile: the next pass looks again
				}
				log.info("Relay task {}/{}: {}", task.appId(), task.taskId(), transition.event().detail());
			}
			this.checks.save(outcome.check());
			return true;
		}
		catch (UpstreamFailure failure) {
			log.warn("CDN check of relay task {}/{} failed (next pass retries): {}", task.appId(), task.taskId(),
					failure.getMessage());
			return false;
		}
	}

}
