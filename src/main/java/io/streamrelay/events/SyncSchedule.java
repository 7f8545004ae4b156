package io.streamrelay.events;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs the subscription sync again after {@code interval} when every app is in sync,
 * sooner (from {@link #RETRY_FIRST}, doubling up to the interval) while one is not: a
 * vendor that was down at start-up is retried within seconds, not at the next interval.
 */
final class SyncSchedule {

	static final Duration RETRY_FIRST = Duration.ofSeconds(5);

	private final Repeating thread;

	private final Runnable pass;

	private final BooleanSupplier inSync;

	private final Duration interval;

	private Duration retry = RETRY_FIRST;

	SyncSchedule(Repeating thread, Runnable pass, BooleanSupplier inSync, Duration interval) {
		this.thread = thread;
		this.pass = pass;
		this.inSync = inSync;
		this.interval = interval;
	}

	void start() {
		this.thread.now(this::runAndPlan);
	}

	/** The delay before the next pass, given whether this one left every app in sync. */
	Duration next(boolean allInSync) {
		if (allInSync) {
			this.retry = RETRY_FIRST;
			return this.interval;
		}
		Duration next = min(this.retry, this.interval);
		this.retry = min(this.retry.multipliedBy(2), this.interval);
		return next;
	}

	private void runAndPlan() {
		this.pass.run();
		this.thread.later(next(this.inSync.getAsBoolean()), this::runAndPlan);
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

}
