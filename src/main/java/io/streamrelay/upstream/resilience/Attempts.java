package io.streamrelay.upstream.resilience;

import java.util.function.Supplier;

import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * What the attempts of one gateway call met; it remembers the latest failure whose
 * outcome is unknown, because that attempt may have taken effect whatever later attempts
 * report. Used by one thread at a time.
 */
final class Attempts {

	private UpstreamFailure lastUnknownOutcome;

	<T> T attempt(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (UpstreamFailure failure) {
			if (!failure.outcomeKnown()) {
				this.lastUnknownOutcome = failure;
			}
			throw failure;
		}
	}

	/** The latest attempt that may have taken effect without us knowing, or null. */
	UpstreamFailure lastUnknownOutcome() {
		return this.lastUnknownOutcome;
	}

	/**
	 * The failure to report for a changing call: a later "nothing happened" answer
	 * (nothing sent, throttled, breaker open) does not undo an earlier attempt that may
	 * have acted, so the unknown outcome wins.
	 */
	UpstreamFailure reportable(UpstreamFailure last) {
		return last.outcomeKnown() && this.lastUnknownOutcome != null ? this.lastUnknownOutcome : last;
	}

}
