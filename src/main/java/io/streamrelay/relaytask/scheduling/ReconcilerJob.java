package io.streamrelay.relaytask.scheduling;

import io.micrometer.core.instrument.Metrics;
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

	/** Runs by outcome (executed, skipped: another replica held the lock, failed). */
	static final String RUNS = "streamrelay.reconciler.runs";

	/** Tasks a run looked at, by result (resolved, drifted: fixed; unresolved). */
	static final String TASKS = "streamrelay.reconciler.tasks";

	private final AtomicLong runs = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final java.util.List<io.streamrelay.relaytask.reconciliation.ReconcilerStep> steps;

	ReconcilerJob(RelayTaskReconciler reconciler, OrphanGuardPass orphans, LockingTaskExecutor locks,
			ReconcilerProperties properties, Clock clock,
			java.util.List<io.streamrelay.relaytask.reconciliation.ReconcilerStep> steps) {
		this.steps = java.util.List.copyOf(steps);
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
				this.steps.forEach(io.streamrelay.relaytask.reconciliation.ReconcilerStep::run);
				RelayTaskReconciler.Report report = this.reconciler.reconcile(this.properties.batchSize(),
						this.properties.grace());
				this.orphans.run();
				return report;
			}, lock);
			if (!result.wasExecuted()) {
				this.skipped.incrementAndGet();
				Metrics.counter(RUNS, "outcome", "skipped").increment();
				return null;
			}
			this.runs.incrementAndGet();
			RelayTaskReconciler.Report report = result.getResult();
			Metrics.counter(RUNS, "outcome", "executed").increment();
			Metrics.counter(TASKS, "result", "resolved").increment(report.resolved());
			Metrics.counter(TASKS, "result", "drifted").increment(report.drifted());
			Metrics.counter(TASKS, "result", "unresolved").increment(report.unresolved());
			if (report.resolved() + report.drifted() + report.unresolved() > 0) {
				log.info("Reconciled relay tasks: {}", report);
			}
			return report;
		}
		catch (Throwable ex) {
			log.warn("Reconciliation run failed; the next run retries", ex);
			Metrics.counter(RUNS, "outcome", "failed").increment();
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
