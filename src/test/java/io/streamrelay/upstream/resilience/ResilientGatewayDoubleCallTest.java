package io.streamrelay.upstream.resilience;

import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import org.junit.jupiter.api.Test;

import static io.streamrelay.upstream.resilience.Guards.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A retry after an unknown outcome may meet the effect of the first attempt: start and
 * stop resolve it.
 */
class ResilientGatewayDoubleCallTest {

	private final ScriptedGateway vendor = new ScriptedGateway();

	private final UpstreamFailure.Rejected taskExists = new UpstreamFailure.Rejected("InvalidParam",
			"The task t1 already exists.", "R-rejected", 400);

	private final ResilientLiveRelayGateway gateway = new Guards().around(this.vendor);

	@Test
	void startThatTimedOutThenMeetsItsOwnTaskIsASuccess() {
		this.vendor
			.fails(VendorOperation.START,
					() -> new UpstreamFailure.BadResponse("SDK.ServerUnreachable", "broken after sending", null))
			.fails(VendorOperation.START, () -> this.taskExists)
			.listsTask(true);

		UpstreamReceipt receipt = this.gateway.start("app1", "t1", SPEC);

		assertThat(receipt.requestId()).isEqualTo("R-rejected");
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(2);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isEqualTo(1);
	}

	@Test
	void startRejectedAfterAnUnknownOutcomeStaysUnknownWhenTheListDoesNotConfirm() {
		// the first attempt may still be in flight or the list may lag: never report it
		// failed
		this.vendor.fails(VendorOperation.START, () -> new UpstreamFailure.BadResponse("InternalError", "boom", "R1"))
			.fails(VendorOperation.START, () -> this.taskExists)
			.listsTask(false);

		Throwable thrown = catchThrowable(() -> this.gateway.start("app1", "t1", SPEC));
		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(((UpstreamFailure) thrown).outcomeKnown()).isFalse();
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(2);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isEqualTo(1);
	}

	@Test
	void startRejectedAtOnceIsRejectedWithoutAskingTheVendorsList() {
		this.vendor.fails(VendorOperation.START, () -> this.taskExists).listsTask(true);

		assertThat(catchThrowable(() -> this.gateway.start("app1", "t1", SPEC))).isSameAs(this.taskExists);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isZero();
	}

	@Test
	void startThatNeverGetsAnAnswerStaysUnknownNeverRejected() {
		this.vendor.always(VendorOperation.START,
				() -> new UpstreamFailure.BadResponse("SDK.ServerUnreachable", "broken after sending", null));

		Throwable thrown = catchThrowable(() -> this.gateway.start("app1", "t1", SPEC));

		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(((UpstreamFailure) thrown).outcomeKnown()).isFalse();
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(3);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isZero();
	}

	@Test
	void startWhoseLaterAttemptsSendNothingStaysUnknown() {
		this.vendor
			.fails(VendorOperation.START,
					() -> new UpstreamFailure.BadResponse("SDK.ServerUnreachable", "broken after sending", null))
			.always(VendorOperation.START, () -> new UpstreamFailure.Unreachable("SDK.ServerUnreachable", "refused"));

		Throwable thrown = catchThrowable(() -> this.gateway.start("app1", "t1", SPEC));

		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(this.vendor.calls(VendorOperation.START)).isEqualTo(3);
	}

	@Test
	void startStaysUnknownWhenTheVendorsListCannotBeRead() {
		this.vendor
			.fails(VendorOperation.START,
					() -> new UpstreamFailure.BadResponse("SDK.ServerUnreachable", "broken after sending", null))
			.fails(VendorOperation.START, () -> this.taskExists)
			.always(VendorOperation.DESCRIBE, () -> new UpstreamFailure.Unreachable("SDK.ServerUnreachable", "x"));

		assertThat(catchThrowable(() -> this.gateway.start("app1", "t1", SPEC)))
			.isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isEqualTo(3);
	}

	@Test
	void stopThatFailedThenFindsNoTaskIsASuccess() {
		this.vendor.fails(VendorOperation.STOP, () -> new UpstreamFailure.BadResponse("InternalError", "boom", "R1"))
			.fails(VendorOperation.STOP,
					() -> new UpstreamFailure.Rejected("InvalidParam", "no such task", "R-gone", 400))
			.listsTask(false);

		assertThat(this.gateway.stop("app1", "t1").requestId()).isEqualTo("R-gone");
		assertThat(this.vendor.calls(VendorOperation.STOP)).isEqualTo(2);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isEqualTo(1);
	}

	@Test
	void stopRejectedAfterAnUnknownOutcomeStaysUnknownWhileTheTaskStillRuns() {
		UpstreamFailure.Rejected rejected = new UpstreamFailure.Rejected("InvalidParam", "bad", "R-bad", 400);
		this.vendor
			.fails(VendorOperation.STOP,
					() -> new UpstreamFailure.BadResponse("SDK.ServerUnreachable", "broken after sending", null))
			.fails(VendorOperation.STOP, () -> rejected)
			.listsTask(true);

		assertThat(catchThrowable(() -> this.gateway.stop("app1", "t1")))
			.isInstanceOf(UpstreamFailure.BadResponse.class);
	}

	@Test
	void updateRejectedAfterAnUnknownOutcomeIsRejectedWithoutDescribe() {
		this.vendor
			.fails(VendorOperation.UPDATE,
					() -> new UpstreamFailure.BadResponse("SDK.ServerUnreachable", "broken after sending", null))
			.fails(VendorOperation.UPDATE, () -> this.taskExists);

		assertThat(catchThrowable(() -> this.gateway.update("app1", "t1", SPEC))).isSameAs(this.taskExists);
		assertThat(this.vendor.calls(VendorOperation.DESCRIBE)).isZero();
	}

}
