package io.streamrelay.relaytask.scheduling;

import java.time.Clock;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamrelay.relaytask.reconciliation.MaxDurationGuard;
import io.streamrelay.relaytask.reconciliation.MaxDurations;
import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelays;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The reconciler, its ShedLock lock over the database, and its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ ReconcilerProperties.class, OrphanGuardProperties.class })
class ReconciliationConfiguration {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		// Database time: replicas' clocks may disagree, the database's is one.
		return new KeepAliveLocks(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build()));
	}

	@Bean
	RelayTaskReconciler relayTaskReconciler(RelayTasks tasks, LiveRelayGateway gateway, Clock clock,
			ReconcilerProperties properties) {
		return new RelayTaskReconciler(tasks, gateway, clock,
				new RelayTaskReconciler.Backoff(properties.backoffFirst(), properties.backoffMax()));
	}

	@Bean
	MaxDurations maxDurations(OrphanGuardProperties orphanGuard) {
		return orphanGuard.maxDurations();
	}

	@Bean
	MaxDurationGuard maxDurationGuard(RelayTasks tasks, LiveRelayGateway gateway, Clock clock, MaxDurations limits) {
		return new MaxDurationGuard(tasks, gateway, clock, limits);
	}

	@Bean
	UnmanagedRelays unmanagedRelays(RelayTasks tasks, LiveRelayGateway gateway, OrphanGuardProperties orphanGuard,
			UnmanagedRelayHistory history, Clock clock) {
		return new UnmanagedRelays(tasks, gateway, orphanGuard.unmanagedPolicies(), history, clock);
	}

	@Bean
	OrphanGuardPass orphanGuardPass(MaxDurationGuard guard, UnmanagedRelays unmanaged,
			OrphanGuardProperties orphanGuard, ReconcilerProperties properties, MeterRegistry meters, Clock clock) {
		return new OrphanGuardPass(guard, unmanaged, orphanGuard.apps().keySet(), properties.batchSize(), meters,
				clock);
	}

	/**
	 * Counts of the last pass as a health component: UP always, never in the readiness
	 * group.
	 */
	@Bean
	OrphanGuardHealth orphanGuardHealthIndicator(OrphanGuardPass pass) {
		return new OrphanGuardHealth(pass);
	}

	@Bean
	ReconcilerJob reconcilerJob(RelayTaskReconciler reconciler, OrphanGuardPass orphans, LockProvider lockProvider,
			ReconcilerProperties properties, Clock clock,
			org.springframework.beans.factory.ObjectProvider<io.streamrelay.relaytask.reconciliation.ReconcilerStep> steps) {
		LockingTaskExecutor executor = new DefaultLockingTaskExecutor(lockProvider);
		return new ReconcilerJob(reconciler, orphans, executor, properties, clock, steps.orderedStream().toList());
	}

	@Bean
	@ConditionalOnProperty(name = "streamrelay.reconciler.enabled", havingValue = "true", matchIfMissing = true)
	SchedulingConfigurer reconcilerSchedule(ReconcilerJob job, ReconcilerProperties properties,
			TaskScheduler taskScheduler) {
		return (ScheduledTaskRegistrar registrar) -> {
			registrar.setTaskScheduler(taskScheduler);
			registrar.addFixedDelayTask(new org.springframework.scheduling.config.FixedDelayTask(job::runOnce,
					properties.interval(), properties.initialDelay()));
		};
	}

}
