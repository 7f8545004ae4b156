package io.streamrelay.upstream.resilience;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.streamrelay.upstream.resilience.Guards.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ResilientGatewayRetryTest {

	private final ScriptedGateway vendor = new ScriptedGateway();

	private final Guards guards = new Guards();

	static Stream<Arguments> retryable() {
		return Stream.of(
				Arguments.of("Unreachable",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.Unreachable("SDK.ServerUnreachable",
								"refused")),
				Arguments.of("Throttled",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.Throttled("Throttling.User", "slow",
								"R1")),
				Arguments.of("BadResponse",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.BadResponse("InternalError", "boom",
								"R2")),
				Arguments.of("TimedOut",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "late")));
	}

	static Stream<Arguments> retryableWrites() {
		return retryable().filter((arguments) -> !"TimedOut".equals(arguments.get()[0]));
	}

	static Stream<Arguments> notRetryable() {
		return Stream.of(
				Arguments.of("Rejected",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.Rejected("InvalidParam", "bad", "R3",
								400)),
				Arguments.of("AuthFailed",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.AuthFailed("SignatureDoesNotMatch", "sig",
								"R4")),
				Arguments.of("RateLimited",
						(Supplier<UpstreamFailure>) () -> new UpstreamFailure.RateLimited("RateLimited.Local", "x",
								1)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("retryableWrites")
	void retriesUpdateAfterATransientFailureAndSucceeds(String kind, Supplier<UpstreamFailure> failure) {
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.fails(VendorOperation.UPDATE, failure));

		assertThat(gateway.update("app1", "t1", SPEC).requestId()).isEqualTo("update-ok-2");
		assertThat(this.vendor.calls(VendorOperation.UPDATE)).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("retryable")
	void retriesDescribeAtMostMaxAttemptsThenThrowsTheLastFailure(String kind, Supplier<UpstreamFailure> failure) {
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.always(VendorOperation.DESCRIBE, failure));

		Throwable thrown = catchThrowable(() -> gateway.describe("app1", "t1"));

		assertThat(thrown.getClass().getSimpleName()).isEqualTo(kind);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isEqualTo(3);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("notRetryable")
	void neverRetriesWhatTheSameRequestWouldMeetAgain(String kind, Supplier<UpstreamFailure> failure) {
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.always(VendorOperation.UPDATE, failure)
			.always(VendorOperation.START, failure)
			.always(VendorOperation.STOP, failure));

		assertThat(catchThrowable(() -> gateway.update("app1", "t1", SPEC)).getClass().getSimpleName()).isEqualTo(kind);
		assertThat(catchThrowable(() -> gateway.start("app1", "t1", SPEC)).getClass().getSimpleName()).isEqualTo(kind);
		assertThat(catchThrowable(() -> gateway.stop("app1", "t1")).getClass().getSimpleName()).isEqualTo(kind);
		assertThat(this.vendor.totalCalls()).isEqualTo(3);
	}

	@Test
	void keepsTheConfiguredNumberOfAttempts() {
		this.guards.retry = io.github.resilience4j.retry.RetryConfig.from(this.guards.retry).maxAttempts(5).build();
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.always(VendorOperation.STOP,
				() -> new UpstreamFailure.Unreachable("SDK.ServerUnreachable", "x")));

		assertThat(catchThrowable(() -> gateway.stop("app1", "t1"))).isInstanceOf(UpstreamFailure.Unreachable.class);
		assertThat(this.vendor.calls(VendorOperation.STOP)).isEqualTo(5);
	}

	@Test
	void ignoresRetryExceptionsConfiguredForFailuresThatMustNotBeRetried() {
		this.guards.retry = io.github.resilience4j.retry.RetryConfig.from(this.guards.retry)
			.retryExceptions(UpstreamFailure.class)
			.build();
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.always(VendorOperation.UPDATE,
				() -> new UpstreamFailure.Rejected("InvalidParam", "bad", "R", 400)));

		assertThat(catchThrowable(() -> gateway.update("app1", "t1", SPEC)))
			.isInstanceOf(UpstreamFailure.Rejected.class);
		assertThat(this.vendor.calls(VendorOperation.UPDATE)).isEqualTo(1);
	}

	@Test
	void defaultBackoffGrowsExponentiallyWithJitter() {
		this.guards.retry = VendorDefaults.retry();
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor);
		IntervalBiFunction<Object> backoff = gateway.guard(VendorOperation.START)
			.retry()
			.getRetryConfig()
			.getIntervalBiFunction();
		Either<Throwable, Object> failure = Either.left(new UpstreamFailure.TimedOut("SDK.ReadTimeout", "late"));
		Set<Long> firstWaits = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			long first = backoff.apply(1, failure);
			long second = backoff.apply(2, failure);
			assertThat(first).isBetween(100L, 300L);
			assertThat(second).isBetween(200L, 600L);
			firstWaits.add(first);
		}
		assertThat(firstWaits).as("randomized waits").hasSizeGreaterThan(10);
		assertThat(gateway.guard(VendorOperation.START).retry().getRetryConfig().getMaxAttempts()).isEqualTo(3);
	}

	@Test
	void neverRetriesAWriteWhoseRequestTimedOutForItMayStillActAtTheVendor() {
		// found by the lifecycle model: a timed-out stop retried at once and answered;
		// the first, delayed copy then stopped the relay restarted in between
		Supplier<UpstreamFailure> late = () -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "late");
		ResilientLiveRelayGateway gateway = this.guards.around(this.vendor.fails(VendorOperation.UPDATE, late)
			.fails(VendorOperation.START, late)
			.fails(VendorOperation.STOP, late));

		assertThat(catchThrowable(() -> gateway.update("app1", "t1", SPEC)))
			.isInstanceOf(UpstreamFailure.TimedOut.class);
		assertThat(catchThrowable(() -> gateway.start("app1", "t1", SPEC)))
			.isInstanceOf(UpstreamFailure.TimedOut.class);
		assertThat(catchThrowable(() -> gateway.stop("app1", "t1"))).isInstanceOf(UpstreamFailure.TimedOut.class);
		assertThat(this.vendor.calls(VendorOperation.UPDATE)).isEqualTo(1);
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(1);
		assertThat(this.vendor.calls(VendorOperation.STOP)).isEqualTo(1);
	}

}
