package io.streamrelay.upstream.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;

/**
 * Builds a {@link ResilientLiveRelayGateway} over registries set up the way a test needs,
 * without Spring.
 */
final class Guards {

	static final RelaySpec SPEC = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null,
			java.util.List.of("rtmp://push.example.com/live/s"), null, null, null);

	RetryConfig retry = RetryConfig.custom()
		.maxAttempts(3)
		.intervalFunction(IntervalFunction.of(Duration.ofMillis(1)))
		.build();

	CircuitBreakerConfig breaker = VendorDefaults.breaker();

	RateLimiterConfig limiter = RateLimiterConfig.custom()
		.limitForPeriod(1000)
		.limitRefreshPeriod(Duration.ofSeconds(1))
		.timeoutDuration(Duration.ZERO)
		.build();

	final RetryRegistry retries = RetryRegistry.ofDefaults();

	final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();

	/**
	 * Instances registered up front, as the Boot starter does for every configured
	 * instance.
	 */
	ResilientLiveRelayGateway around(LiveRelayGateway vendor) {
		this.breakers.circuitBreaker(OperationGuard.BREAKER, this.breaker);
		for (VendorOperation operation : VendorOperation.values()) {
			this.retries.retry(operation.instanceName(), this.retry);
			this.limiters.rateLimiter(operation.instanceName(), this.limiter);
		}
		return new ResilientLiveRelayGateway(vendor, this.retries, this.breakers, this.limiters);
	}

}
