package io.streamrelay.relaytask.scheduling;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.beans.factory.DisposableBean;

/**
 * The reconciler's lock, kept alive while a run lasts: it is held for a short
 * {@code lock-at-most-for} and extended every half of it, so that a replica killed in the
 * middle of a run blocks the others for at most that long (a lock held for minutes would
 * stall reconciliation after every crash), while a long run keeps its lock.
 */
final class KeepAliveLocks implements LockProvider, DisposableBean {

	/** ShedLock's floor for locks it keeps alive. */
	static final Duration MINIMUM_LOCK_AT_MOST_FOR = Duration.ofSeconds(30);

	private final ScheduledExecutorService extender;

	private final LockProvider locks;

	KeepAliveLocks(ExtensibleLockProvider storage) {
		this.extender = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "reconciler-lock-keep-alive");
			thread.setDaemon(true);
			return thread;
		});
		this.locks = new KeepAliveLockProvider(storage, this.extender);
	}

	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		return this.locks.lock(configuration);
	}

	@Override
	public void destroy() {
		this.extender.shutdownNow();
	}

}
