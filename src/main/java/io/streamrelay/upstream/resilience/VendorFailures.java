package io.streamrelay.upstream.resilience;

import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * Which vendor failures may be retried and which ones tell the circuit breaker the vendor
 * is unwell; fixed here rather than in YAML because they decide correctness, not tuning
 * (docs/resilience.md).
 */
final class VendorFailures {

	/** Code of the failure answered while the breaker is open. */
	static final String CIRCUIT_OPEN = "CircuitOpen";

	/** Code of the failure answered when the local rate limiter refuses a call. */
	static final String LOCAL_RATE_LIMIT = "RateLimited.Local";

	/** What a failure means to the circuit breaker. */
	enum BreakerVerdict {

		/** The vendor is unwell: counts toward the failure rate. */
		FAILURE,
		/**
		 * The vendor answered (it refused the request or our credentials): a healthy
		 * call.
		 */
		SUCCESS,
		/**
		 * Says nothing about the vendor's health (throttling, our own limiter): not
		 * counted at all.
		 */
		IGNORED

	}

	private VendorFailures() {
	}

	/**
	 * Unreachable (nothing sent), Throttled (refused before acting) and BadResponse (the
	 * vendor answered, badly: every operation sends its full parameters, and start/stop
	 * resolve a double call) may be tried again. A TimedOut only for the read-only list:
	 * the unanswered request may still be at the vendor and act after a retry did, for
	 * example stop a relay restarted in between, or put back an older spec (found by the
	 * lifecycle model test). Never Rejected or AuthFailed (the same request gets the same
	 * answer) nor our own RateLimited or open breaker.
	 */
	static boolean retryable(VendorOperation operation, Throwable failure) {
		if (failure instanceof UpstreamFailure.Unreachable unreachable) {
			return !CIRCUIT_OPEN.equals(unreachable.code());
		}
		if (failure instanceof UpstreamFailure.TimedOut) {
			return operation == VendorOperation.DESCRIBE;
		}
		if (failure instanceof UpstreamFailure.BadResponse) {
			// a custom SEI the vendor may have inserted would be shown twice to viewers
			return operation != VendorOperation.SEI;
		}
		return failure instanceof UpstreamFailure.Throttled;
	}

	static BreakerVerdict verdict(Throwable failure) {
		if (failure instanceof UpstreamFailure.Rejected || failure instanceof UpstreamFailure.AuthFailed) {
			return BreakerVerdict.SUCCESS;
		}
		// Throttling is the vendor guarding its quota, not an outage: the limiter and
		// backoff deal with it.
		if (failure instanceof UpstreamFailure.Throttled || failure instanceof UpstreamFailure.RateLimited) {
			return BreakerVerdict.IGNORED;
		}
		return BreakerVerdict.FAILURE;
	}

}
