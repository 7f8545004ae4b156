package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.Candidate;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves tasks left in a transitional state (crash, timeout, lost answer) by reading
 * the vendor and finishing or rolling forward, and marks stopped the tasks the vendor
 * stopped by itself. One run looks at a bounded batch: stuck tasks first, the longest
 * waiting first, then running tasks where the previous run of this instance stopped. A
 * task that cannot be settled is deferred with a growing delay, so it never starves the
 * others.
 */
public final class RelayTaskReconciler {

	private static final Logger log = LoggerFactory.getLogger(RelayTaskReconciler.class);

	private final RelayTasks tasks;

	private final TaskResolution resolution;

	private final Clock clock;

	private final Backoff backoff;

	private TaskKey cursor;

	public RelayTaskReconciler(RelayTasks tasks, io.streamrelay.relaytask.vendor.LiveRelayGateway gateway,
			Clock clock) {
		this(tasks, gateway, clock, Backoff.DEFAULT);
	}

	public RelayTaskReconciler(RelayTasks tasks, io.streamrelay.relaytask.vendor.LiveRelayGateway gateway, Clock clock,
			Backoff backoff) {
		this.tasks = tasks;
		this.resolution = new TaskResolution(tasks, gateway, clock);
		this.clock = clock;
		this.backoff = backoff;
	}

	/** How long to wait before looking again at a task that could not be settled. */
	public record Backoff(Duration first, Duration max) {

		public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

		Duration after(int attempts) {
			Duration delay = this.first;
			for (int i = 1; i < attempts && delay.compareTo(this.max) < 0; i++) {
				delay = delay.multipliedBy(2);
			}
			return delay.compareTo(this.max) < 0 ? delay : this.max;
		}

	}

	/** What one run did. */
	public record Report(int examined, int resolved, int drifted, int unresolved) {

		Report plus(Result result) {
			return new Report(examined + 1, resolved + (result == Result.RESOLVED ? 1 : 0),
					drifted + (result == Result.DRIFTED ? 1 : 0), unresolved + (result == Result.UNRESOLVED ? 1 : 0));
		}

	}

	enum Result {

		UNCHANGED, RESOLVED, DRIFTED, UNRESOLVED

	}

	/**
	 * Looks at up to {@code batchSize} tasks. Transitional tasks younger than
	 * {@code grace} are left alone: their request may still be in flight.
	 */
	public synchronized Report reconcile(int batchSize, Duration grace) {
		Instant now = this.clock.instant();
		Instant cutoff = now.minus(grace);
		Report report = new Report(0, 0, 0, 0);
		List<Candidate> stuck = this.tasks.dueInStates(RelayTaskState.TRANSITIONAL, cutoff, now, batchSize);
		for (Candidate candidate : stuck) {
			report = tally(report, reconcileOne(candidate, cutoff));
		}
		int room = batchSize - stuck.size();
		if (room <= 0) {
			return report;
		}
		List<Candidate> active = this.tasks.dueInStates(Set.of(RelayTaskState.ACTIVE), this.cursor, now, room);
		this.cursor = active.size() < room ? null : active.get(active.size() - 1).key();
		for (Candidate candidate : active) {
			report = tally(report, reconcileOne(candidate, cutoff));
		}
		return report;
	}

	private static Report tally(Report report, Result result) {
		return result == null ? report : report.plus(result);
	}

	/** The result, or null when the task was not looked at. */
	private Result reconcileOne(Candidate candidate, Instant cutoff) {
		TaskKey key = candidate.key();
		Optional<RelayTask> loaded;
		try {
			loaded = this.tasks.find(key.appId(), key.taskId());
		}
		catch (RuntimeException ex) {
			// an unreadable row must not stop the others, nor be picked first for ever
			log.warn("Could not load relay task {}/{} for reconciliation", key.appId(), key.taskId(), ex);
			defer(key, candidate.version(), candidate.attempts() + 1);
			return Result.UNRESOLVED;
		}
		if (loaded.isEmpty() || loaded.get().updatedAt().isAfter(cutoff)) {
			// gone, or just changed by a request (a task that just became active may not
			// be listed yet): not examined
			return null;
		}
		Result result = this.resolution.resolve(loaded.get());
		if (result == Result.UNRESOLVED) {
			// the resolution may have written the task (claim and release): defer the
			// version it left
			defer(key, -1, candidate.attempts() + 1);
		}
		return result;
	}

	/**
	 * Defers the task at {@code version}, or at its current version when negative (a
	 * later write of it cancels the deferral).
	 */
	private void defer(TaskKey key, long version, int attempts) {
		try {
			long at = version >= 0 ? version
					: this.tasks.find(key.appId(), key.taskId()).map(RelayTask::version).orElse(-1L);
			Instant next = this.clock.instant().plus(this.backoff.after(attempts));
			this.tasks.deferReconciliation(key, at, attempts, next);
			log.info("Relay task {}/{} not settled after {} reconciliation attempt(s); next look at {}", key.appId(),
					key.taskId(), attempts, next);
		}
		catch (RuntimeException ex) {
			log.warn("Could not defer the reconciliation of relay task {}/{}", key.appId(), key.taskId(), ex);
		}
	}

}
