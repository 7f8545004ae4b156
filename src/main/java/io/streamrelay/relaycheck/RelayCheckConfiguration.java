package io.streamrelay.relaycheck;

import java.time.Clock;
import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.streamrelay.apps.AppsProperties;
import io.streamrelay.events.Repeating;
import io.streamrelay.relaytask.relaycheck.RelayCheckRun;
import io.streamrelay.relaytask.relaycheck.RelayChecks;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.vendor.LiveStreamStatus;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the CDN check: its store, its pass (paced to the QPS budget), and its schedule on
 * one replica at a time (ShedLock).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayCheckProperties.class)
class RelayCheckConfiguration {

	static final String LOCK = "relay-check";

	private static final Logger log = LoggerFactory.getLogger(RelayCheckConfiguration.class);

	@Bean
	RelayChecks relayChecks(JdbcClient jdbc) {
		return new JdbcRelayChecks(jdbc);
	}

	@Bean
	RelayTargets relayTargets(AppsProperties apps) {
		return new RelayTargets(apps);
	}

	@Bean
	RelayCheckRun relayCheckRun(RelayTasks tasks, RelayChecks checks, LiveStreamStatus cdn, RelayTargets targets,
			Clock clock, RelayCheckProperties properties) {
		RateLimiter budget = RateLimiter.of("relay-check",
				RateLimiterConfig.custom()
					.limitForPeriod(properties.maxPerSecond())
					.limitRefreshPeriod(Duration.ofSeconds(1))
					.timeoutDuration(Duration.ofSeconds(5))
					.build());
		return new RelayCheckRun(tasks, checks, cdn, targets, () -> RateLimiter.waitForPermission(budget), clock,
				properties.offlineGrace());
	}

	@Bean(destroyMethod = "close")
	Repeating relayCheckThread() {
		return new Repeating("relay-check");
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> relayCheckSchedule(RelayCheckRun run, LockProvider lockProvider,
			Repeating relayCheckThread, RelayCheckProperties properties, Clock clock) {
		DefaultLockingTaskExecutor locks = new DefaultLockingTaskExecutor(lockProvider);
		Runnable pass = () -> {
			try {
				locks.executeWithLock((Runnable) () -> run.run(properties.maxPerPass()),
						new LockConfiguration(clock.instant(), LOCK, Duration.ofMinutes(5), Duration.ZERO));
			}
			catch (RuntimeException ex) {
				log.warn("CDN check pass failed; the next pass retries", ex);
			}
		};
		return (event) -> {
			if (properties.enabled()) {
				relayCheckThread.every(properties.interval(), properties.interval(), pass);
			}
		};
	}

}
