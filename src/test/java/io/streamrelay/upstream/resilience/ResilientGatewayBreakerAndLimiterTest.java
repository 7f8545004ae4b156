package io.streamrelay.upstream.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static io.streamrelay.upstream.resilience.Guards.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResilientGatewayBreakerAndLimiterTest {

	private final ScriptedGateway vendor = new ScriptedGateway();

	private final Guards guards = new Guards();

	ResilientGatewayBreakerAndLimiterTest() {
		this.guards.retry = RetryConfig.custom().maxAttempts(1).build();
		this.guards.breaker = CircuitBreakerConfig.from(VendorDefaults.breaker())
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.waitDurationInOpenState(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void opensAfterTheVendorFailsAndThenFailsFastWithoutCallingIt() {
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.always(VendorOperation.UPDATE,
				() -> new UpstreamFailure.BadResponse("ServiceUnavailable", "down", "R")));
		for (int i = 0; i < 4; i++) {
			catchThrowable(() -> gateway.update("app1", "t1", SPEC));
		}
		assertThat(breaker(gateway).getState()).isEqualTo(CircuitBreaker.State.OPEN);

		UpstreamFailure.Unreachable open = catchThrowableOfType(UpstreamFailure.Unreachable.class,
				() -> gateway.stop("app1", "t1"));
		catchThrowable(() -> gateway.describe("app1", "t1"));

		assertThat(open.code()).isEqualTo("CircuitOpen");
		assertThat(open.outcomeKnown()).isTrue();
		assertThat(open.getMessage()).contains("paused for up to 30 s");
		assertThat(this.vendor.totalCalls()).isEqualTo(4);
	}

	@Test
	void refusalsOfTheRequestOrCredentialsDoNotOpenIt() {
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor
			.always(VendorOperation.UPDATE, () -> new UpstreamFailure.Rejected("InvalidParam", "bad", "R", 400))
			.always(VendorOperation.STOP, () -> new UpstreamFailure.AuthFailed("Forbidden", "no", "R"))
			.always(VendorOperation.DESCRIBE, () -> new UpstreamFailure.Throttled("Throttling.User", "slow", "R")));
		for (int i = 0; i < 5; i++) {
			catchThrowable(() -> gateway.update("app1", "t1", SPEC));
			catchThrowable(() -> gateway.stop("app1", "t1"));
			catchThrowable(() -> gateway.describe("app1", "t1"));
		}

		assertThat(breaker(gateway).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker(gateway).getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(this.vendor.totalCalls()).isEqualTo(15);
	}

	@Test
	void startWhoseOutcomeIsUnknownStaysUnknownWhenTheBreakerOpensBetweenAttempts() {
		this.guards.retry = RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(1)).build();
		this.guards.breaker = CircuitBreakerConfig.from(this.guards.breaker)
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.build();
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.always(VendorOperation.START,
				() -> new UpstreamFailure.BadResponse("InternalError", "x", null)));

		assertThat(catchThrowable(() -> gateway.start("app1", "t1", SPEC)))
			.isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(2);
	}

	@Test
	void limiterRefusesOnceThePeriodsBudgetIsSpentWithoutCallingTheVendor() {
		this.guards.limiter = RateLimiterConfig.custom()
			.limitForPeriod(2)
			.limitRefreshPeriod(Duration.ofSeconds(5))
			.timeoutDuration(Duration.ZERO)
			.build();
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor);
		gateway.start("app1", "t1", SPEC);
		gateway.start("app1", "t2", SPEC);

		UpstreamFailure.RateLimited limited = catchThrowableOfType(UpstreamFailure.RateLimited.class,
				() -> gateway.start("app1", "t3", SPEC));

		assertThat(limited.code()).isEqualTo("RateLimited.Local");
		assertThat(limited.retryAfterSeconds()).isEqualTo(5);
		assertThat(limited.reachedVendor()).isFalse();
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(2);
		assertThat(breaker(gateway).getMetrics().getNumberOfBufferedCalls()).as("refusals are not breaker samples")
			.isEqualTo(2);
		gateway.describe("app1", "t1");
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).as("each operation has its own budget").isEqualTo(1);
	}

	private static CircuitBreaker breaker(ResilientLiveRelayGateway gateway) {
		return gateway.guard(VendorOperation.START).breaker();
	}

}
