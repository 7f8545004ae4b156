package io.streamrelay.upstream.resilience;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:resilience-wiring;DB_CLOSE_DELAY=-1",
		"resilience4j.retry.instances.vendor-stop.max-attempts=5",
		// five attempts of 13 s need longer waits before a request counts as crashed
		// (checked at start-up)
		"streamrelay.reconciler.grace=3m", "streamrelay.idempotency.lock-timeout=3m",
		"resilience4j.ratelimiter.instances.vendor-describe.limit-for-period=7" })
class ResilienceWiringTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	RetryRegistry retries;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	RateLimiterRegistry limiters;

	@Test
	void theOnlyGatewayBeanIsTheResilientOne() {
		Map<String, LiveRelayGateway> gateways = this.context.getBeansOfType(LiveRelayGateway.class);

		assertThat(gateways).containsOnlyKeys("liveRelayGateway");
		assertThat(gateways.get("liveRelayGateway")).isInstanceOf(ResilientLiveRelayGateway.class);
	}

	@Test
	void retriesUseTheConfiguredAttemptsAndJitteredExponentialBackoff() {
		ResilientLiveRelayGateway gateway = this.context.getBean(ResilientLiveRelayGateway.class);

		assertThat(gateway.guard(VendorOperation.START).retry()).isSameAs(this.retries.retry("vendor-start"));
		assertThat(this.retries.retry("vendor-start").getRetryConfig().getMaxAttempts()).isEqualTo(3);
		assertThat(this.retries.retry("vendor-stop").getRetryConfig().getMaxAttempts()).isEqualTo(5);
		IntervalBiFunction<Object> backoff = this.retries.retry("vendor-update")
			.getRetryConfig()
			.getIntervalBiFunction();
		Either<Throwable, Object> failure = Either.left(new UpstreamFailure.TimedOut("SDK.ReadTimeout", "late"));
		Set<Long> firstWaits = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			firstWaits.add(backoff.apply(1, failure));
			assertThat(backoff.apply(2, failure)).isBetween(200L, 600L);
		}
		assertThat(firstWaits).allSatisfy((wait) -> assertThat(wait).isBetween(100L, 300L)).hasSizeGreaterThan(10);
	}

	@Test
	void breakerAndLimitersUseTheConfiguredSettings() {
		CircuitBreakerConfig breaker = this.breakers.circuitBreaker("vendor").getCircuitBreakerConfig();

		assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
		assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(10);
		assertThat(breaker.getFailureRateThreshold()).isEqualTo(50f);
		assertThat(breaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(10_000L);
		assertThat(this.limiters.rateLimiter("vendor-start").getRateLimiterConfig().getLimitForPeriod()).isEqualTo(500);
		assertThat(this.limiters.rateLimiter("vendor-stop").getRateLimiterConfig().getTimeoutDuration())
			.isEqualTo(Duration.ofMillis(100));
		assertThat(this.limiters.rateLimiter("vendor-describe").getRateLimiterConfig().getLimitForPeriod())
			.isEqualTo(7);
		assertThat(this.limiters.rateLimiter("vendor-describe").getRateLimiterConfig().getLimitRefreshPeriod())
			.isEqualTo(Duration.ofSeconds(1));
	}

}
