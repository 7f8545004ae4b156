package io.streamrelay.upstream.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The settings used for an instance that {@code resilience4j.*} does not configure;
 * application.yml ships the same values so that they are visible and changeable
 * (docs/resilience.md).
 */
final class VendorDefaults {

	static final int MAX_ATTEMPTS = 3;

	static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

	static final double BACKOFF_MULTIPLIER = 2.0;

	static final double RANDOMIZATION_FACTOR = 0.5;

	static final Duration LIMITER_TIMEOUT = Duration.ofMillis(100);

	private VendorDefaults() {
	}

	static RetryConfig retry() {
		return RetryConfig.custom()
			.maxAttempts(MAX_ATTEMPTS)
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(INITIAL_BACKOFF, BACKOFF_MULTIPLIER,
					RANDOMIZATION_FACTOR))
			.build();
	}

	static CircuitBreakerConfig breaker() {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(20)
			.minimumNumberOfCalls(10)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.build();
	}

	static RateLimiterConfig limiter(VendorOperation operation) {
		return RateLimiterConfig.custom()
			.limitForPeriod(operation.defaultCallsPerSecond())
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(LIMITER_TIMEOUT)
			.build();
	}

}
