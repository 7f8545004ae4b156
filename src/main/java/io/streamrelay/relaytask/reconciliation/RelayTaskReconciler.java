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
			// an unreadable row must not stop the others; it is looked at again later
			log.warn("Could not load relay task {}/{} for reconciliation", key.appId(), key.taskId(), ex);
			return Result.UNRESOLVED;
		}
		if (loaded.isEmpty() || loaded.get().updatedAt().isAfter(cutoff)) {
			// gone, or just changed by a request (a task that just became active may not
			// be listed yet): not examined
			return null;
		}
		RelayTask task = loaded.get();
		Result result = this.resolution.resolve(task);
		if (result == Result.UNRESOLVED) {
			defer(task, candidate.attempts() + 1);
		}
		return result;
	}

	private void defer(RelayTask task, int attempts) {
		Instant next = this.clock.instant().plus(this.backoff.after(attempts));
		try {
			this.tasks.deferReconciliation(new TaskKey(task.appId(), task.taskId()), task.version(), attempts, next);
			log.info("Relay task {}/{} ({}) not settled after {} reconciliation attempt(s); next look at {}",
					task.appId(), task.taskId(), task.state().name().toLowerCase(), attempts, next);
		}
		catch (RuntimeException ex) {
			log.warn("Could not defer the reconciliation of relay task {}/{}", task.appId(), task.taskId(), ex);
		}
	}

}
