package io.streamrelay.relaytask.scheduling;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciler under a database lock, so that at most one replica reconciles at a
 * time.
 */
public class ReconcilerJob {

	static final String LOCK_NAME = "relay-task-reconciler";

	private static final Logger log = LoggerFactory.getLogger(ReconcilerJob.class);

	private final RelayTaskReconciler reconciler;

	private final OrphanGuardPass orphans;

	private final LockingTaskExecutor locks;

	private final ReconcilerProperties properties;

	private final Clock clock;

	private final AtomicLong runs = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	ReconcilerJob(RelayTaskReconciler reconciler, OrphanGuardPass orphans, LockingTaskExecutor locks,
			ReconcilerProperties properties, Clock clock) {
		this.reconciler = reconciler;
		this.orphans = orphans;
		this.locks = locks;
		this.properties = properties;
		this.clock = clock;
	}

	/** One reconciliation run, or null when another replica holds the lock. */
	public RelayTaskReconciler.Report runOnce() {
		LockConfiguration lock = new LockConfiguration(this.clock.instant(), LOCK_NAME, this.properties.lockAtMostFor(),
				java.time.Duration.ZERO);
		try {
			TaskResult<RelayTaskReconciler.Report> result = this.locks.executeWithLock(() -> {
				RelayTaskReconciler.Report report = this.reconciler.reconcile(this.properties.batchSize(),
						this.properties.grace());
				this.orphans.run();
				return report;
			}, lock);
			if (!result.wasExecuted()) {
				this.skipped.incrementAndGet();
				return null;
			}
			this.runs.incrementAndGet();
			RelayTaskReconciler.Report report = result.getResult();
			if (report.resolved() + report.drifted() + report.unresolved() > 0) {
				log.info("Reconciled relay tasks: {}", report);
			}
			return report;
		}
		catch (Throwable ex) {
			log.warn("Reconciliation run failed; the next run retries", ex);
			return null;
		}
	}

	/** Runs this instance performed (the lock was free). */
	public long runs() {
		return this.runs.get();
	}

	/** Runs this instance skipped because another replica held the lock. */
	public long skipped() {
		return this.skipped.get();
	}

}
