package io.streamrelay.config;

import java.time.Duration;
import java.util.stream.Stream;

import io.github.resilience4j.retry.RetryRegistry;
import io.streamrelay.idempotency.IdempotencyProperties;
import io.streamrelay.relaytask.scheduling.ReconcilerProperties;
import io.streamrelay.upstream.aliyun.UpstreamProperties;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses settings under which a request still in flight could be taken for a crashed
 * one: the reconciler's {@code grace} and the idempotency {@code lock-timeout} must
 * outlast the longest vendor call with its retries.
 */
@Configuration(proxyBeanMethods = false)
class TimingBudgetConfiguration {

	/** Slack for backoff waits and the database writes around the calls. */
	static final Duration SLACK = Duration.ofSeconds(10);

	@Bean
	InitializingBean timingBudgetCheck(UpstreamProperties upstream, ReconcilerProperties reconciler,
			RetryRegistry retries, IdempotencyProperties idempotency) {
		return () -> {
			Duration lockTimeout = idempotency.lockTimeout();
			Duration worst = longestRequest(upstream, retries);
			if (reconciler.enabled()) {
				// a disabled reconciler runs only when someone calls it, who then chooses
				// the grace
				check("streamrelay.reconciler.grace", reconciler.grace(), worst);
			}
			check("streamrelay.idempotency.lock-timeout", lockTimeout, worst);
		};
	}

	/**
	 * Every attempt may wait for connect and read, and a repeated start or stop adds a
	 * read of the vendor's list.
	 */
	static Duration longestRequest(UpstreamProperties upstream, RetryRegistry retries) {
		int attempts = Stream.of("vendor-start", "vendor-update", "vendor-stop")
			.mapToInt((name) -> retries.retry(name).getRetryConfig().getMaxAttempts())
			.max()
			.orElse(1);
		Duration call = upstream.connectTimeout().plus(upstream.readTimeout());
		return call.multipliedBy(2L * attempts).plus(SLACK);
	}

	static void check(String property, Duration configured, Duration worst) {
		if (configured.compareTo(worst) <= 0) {
			throw new IllegalStateException(property + " (" + configured + ") must exceed the longest vendor request ("
					+ worst + ": attempts x (connect-timeout + read-timeout) x 2 + " + SLACK
					+ "), or an in-flight request would be taken for a crashed one");
		}
	}

}
