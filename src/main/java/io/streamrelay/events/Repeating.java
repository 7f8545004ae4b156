package io.streamrelay.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread of its own for background work (event application, subscription sync,
 * CDN check), so that slow vendor calls never hold up the reconciler's scheduler. Not a
 * {@code ScheduledExecutorService} bean: one would switch off Boot's task scheduler.
 */
public final class Repeating implements AutoCloseable {

	private final ScheduledExecutorService executor;

	public Repeating(String name) {
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Runs {@code work} after {@code initialDelay}, then {@code interval} after each end.
	 */
	public void every(Duration initialDelay, Duration interval, Runnable work) {
		this.executor.scheduleWithFixedDelay(work, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	public void now(Runnable work) {
		this.executor.execute(work);
	}

	public void later(Duration delay, Runnable work) {
		this.executor.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
