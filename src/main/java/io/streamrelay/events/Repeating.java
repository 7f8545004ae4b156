package io.streamrelay.events;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * A daemon thread of its own for background work (event application, subscription sync,
 * CDN check), so that slow vendor calls never hold up the reconciler's scheduler. Not a
 * {@code ScheduledExecutorService} bean: one would switch off Boot's task scheduler.
 * <p>
 * On shutdown it is stopped as a {@link SmartLifecycle}, before the web server drains its
 * requests and before the beans it uses (the database pool, the vendor client) are
 * destroyed: work not yet begun is dropped, and a pass already running is left to finish,
 * not interrupted (an interrupt closes an NIO file channel under H2), for up to
 * {@link #STOP_WAIT}; only then is it interrupted. The stop is asynchronous, so the
 * background threads of the application drain at the same time. Before this, a pass that
 * was running at shutdown failed on the closed pool and logged its stack trace. Once
 * stopped it does not start again.
 */
public final class Repeating implements AutoCloseable, SmartLifecycle {

	static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final ScheduledThreadPoolExecutor executor;

	private final String name;

	private volatile boolean forced;

	public Repeating(String name) {
		this.name = name;
		this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
	}

	/**
	 * Runs {@code work} after {@code initialDelay}, then {@code interval} after each end.
	 */
	public void every(Duration initialDelay, Duration interval, Runnable work) {
		try {
			this.executor.scheduleWithFixedDelay(work, initialDelay.toMillis(), interval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped: the application is shutting down
		}
	}

	public void now(Runnable work) {
		later(Duration.ZERO, work);
	}

	public void later(Duration delay, Runnable work) {
		try {
			this.executor.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped: the application is shutting down
		}
	}

	/** Nothing to start: the thread is started by the first work handed to it. */
	@Override
	public void start() {
	}

	/**
	 * Drops the work not yet begun and waits for a running pass to end, up to
	 * {@link #STOP_WAIT}; only then is it interrupted.
	 */
	@Override
	public void stop() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.forced = true;
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.forced = true;
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * As {@link #stop()}, on a thread of its own: Spring stops the beans of a phase one
	 * after another and waits for their callbacks together, so that the background
	 * threads drain in parallel, within
	 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
	 */
	@Override
	public void stop(Runnable callback) {
		this.executor.shutdown();
		Thread stopping = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, "stopping-" + this.name);
		stopping.setDaemon(true);
		stopping.start();
	}

	/** Whether the last stop had to interrupt a pass that did not end in time. */
	boolean forcedStop() {
		return this.forced;
	}

	@Override
	public boolean isRunning() {
		return !this.executor.isShutdown();
	}

	@Override
	public void close() {
		stop();
	}

}
