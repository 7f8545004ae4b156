package io.streamrelay.upstream.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * Retry ( CircuitBreaker ( RateLimiter ( vendor call ) ) ) for one operation —
 * Resilience4j's own aspect order. Retry is outermost so that every attempt is a separate
 * breaker sample and spends a limiter permit (each attempt is a real vendor call counted
 * against the vendor's QPS). The breaker sits outside the limiter so that an open breaker
 * fails fast without waiting for, or spending, a permit.
 */
final class OperationGuard {

	static final String BREAKER = "vendor";

	private final VendorOperation operation;

	private final Retry retry;

	private final CircuitBreaker breaker;

	private final RateLimiter limiter;

	OperationGuard(VendorOperation operation, Retry retry, CircuitBreaker breaker, RateLimiter limiter) {
		this.operation = operation;
		this.retry = retry;
		this.breaker = breaker;
		this.limiter = limiter;
	}

	/**
	 * The guard of {@code operation} built from the registries' instances
	 * (application.yml) or {@link VendorDefaults}; the retry instance is replaced by one
	 * whose exception predicate is {@link VendorFailures#retryable}, keeping the
	 * configured attempts and backoff.
	 */
	static OperationGuard of(VendorOperation operation, RetryRegistry retries, CircuitBreakerRegistry breakers,
			RateLimiterRegistry limiters) {
		String name = operation.instanceName();
		Retry configured = retries.retry(name, VendorDefaults::retry);
		RetryConfig safe = RetryConfig.from(configured.getRetryConfig())
			.retryOnException((failure) -> VendorFailures.retryable(operation, failure))
			.retryExceptions()
			.ignoreExceptions()
			.build();
		Retry retry = Retry.of(name, safe, configured.getTags());
		retries.replace(name, retry);
		return new OperationGuard(operation, retry, breakers.circuitBreaker(BREAKER, VendorDefaults::breaker),
				limiters.rateLimiter(name, () -> VendorDefaults.limiter(operation)));
	}

	<T> T call(Supplier<T> call, Attempts attempts) {
		return this.retry.executeSupplier(() -> attempts.attempt(() -> throughBreaker(() -> throughLimiter(call))));
	}

	private <T> T throughBreaker(Supplier<T> call) {
		if (!this.breaker.tryAcquirePermission()) {
			throw new UpstreamFailure.Unreachable(VendorFailures.CIRCUIT_OPEN,
					"the vendor is failing; calls are paused for up to " + openSeconds() + " s");
		}
		long start = this.breaker.getCurrentTimestamp();
		try {
			T result = call.get();
			this.breaker.onSuccess(elapsed(start), this.breaker.getTimestampUnit());
			return result;
		}
		catch (RuntimeException failure) {
			record(failure, elapsed(start));
			throw failure;
		}
	}

	/**
	 * Recorded by hand: which failures count is a correctness decision (VendorFailures),
	 * not a YAML setting.
	 */
	private void record(RuntimeException failure, long elapsed) {
		TimeUnit unit = this.breaker.getTimestampUnit();
		switch (VendorFailures.verdict(failure)) {
			case FAILURE -> this.breaker.onError(elapsed, unit, failure);
			case SUCCESS -> this.breaker.onSuccess(elapsed, unit);
			case IGNORED -> this.breaker.releasePermission();
		}
	}

	private <T> T throughLimiter(Supplier<T> call) {
		if (!this.limiter.acquirePermission()) {
			Duration period = this.limiter.getRateLimiterConfig().getLimitRefreshPeriod();
			throw new UpstreamFailure.RateLimited(VendorFailures.LOCAL_RATE_LIMIT,
					"more than " + this.limiter.getRateLimiterConfig().getLimitForPeriod() + " "
							+ this.operation.name().toLowerCase() + " calls per " + period.toMillis()
							+ " ms to the vendor; try again shortly",
					seconds(period));
		}
		return call.get();
	}

	private long elapsed(long start) {
		return this.breaker.getCurrentTimestamp() - start;
	}

	private long openSeconds() {
		long millis = this.breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
		return seconds(Duration.ofMillis(millis));
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	Retry retry() {
		return this.retry;
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	RateLimiter limiter() {
		return this.limiter;
	}

}
