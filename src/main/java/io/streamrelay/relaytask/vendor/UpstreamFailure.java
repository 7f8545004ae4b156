package io.streamrelay.relaytask.vendor;

/**
 * A vendor call that did not succeed. Messages are safe to show: adapters never put
 * secrets in them. Subclasses state the fact; {@link #outcomeKnown()} tells whether the
 * call surely had no effect.
 */
public abstract sealed class UpstreamFailure extends RuntimeException
		permits UpstreamFailure.Rejected, UpstreamFailure.Throttled, UpstreamFailure.Unreachable,
		UpstreamFailure.TimedOut, UpstreamFailure.BadResponse, UpstreamFailure.AuthFailed, UpstreamFailure.RateLimited {

	private final String code;

	private final String requestId;

	UpstreamFailure(String code, String message, String requestId) {
		super(message, null, false, false);
		this.code = code;
		this.requestId = requestId;
	}

	public String code() {
		return this.code;
	}

	public String requestId() {
		return this.requestId;
	}

	/** True when the call surely did not change anything at the vendor. */
	public boolean outcomeKnown() {
		return true;
	}

	/** True when the vendor saw and answered the call. */
	public boolean reachedVendor() {
		return true;
	}

	/**
	 * The vendor refused the request (bad parameter, quota, task id in use, no such
	 * channel...).
	 */
	public static final class Rejected extends UpstreamFailure {

		private final int httpStatus;

		public Rejected(String code, String message, String requestId, int httpStatus) {
			super(code, message, requestId);
			this.httpStatus = httpStatus;
		}

		public int httpStatus() {
			return this.httpStatus;
		}

	}

	/** The vendor throttled the call ({@code Throttling.*}). */
	public static final class Throttled extends UpstreamFailure {

		public Throttled(String code, String message, String requestId) {
			super(code, message, requestId);
		}

	}

	/**
	 * The vendor could not be reached at all (connection refused, DNS); nothing was sent.
	 */
	public static final class Unreachable extends UpstreamFailure {

		public Unreachable(String code, String message) {
			super(code, message, null);
		}

		@Override
		public boolean reachedVendor() {
			return false;
		}

	}

	/** No answer within the read timeout: the call may have taken effect. */
	public static final class TimedOut extends UpstreamFailure {

		public TimedOut(String code, String message) {
			super(code, message, null);
		}

		@Override
		public boolean outcomeKnown() {
			return false;
		}

	}

	/**
	 * The vendor failed (5xx) or answered something unreadable: the call may have taken
	 * effect.
	 */
	public static final class BadResponse extends UpstreamFailure {

		public BadResponse(String code, String message, String requestId) {
			super(code, message, requestId);
		}

		@Override
		public boolean outcomeKnown() {
			return false;
		}

	}

	/**
	 * Our own client-side limiter (or open circuit breaker) refused the call to keep us
	 * under the vendor's limits; nothing was sent. {@code retryAfterSeconds} tells
	 * callers when to come back.
	 */
	public static final class RateLimited extends UpstreamFailure {

		private final long retryAfterSeconds;

		public RateLimited(String code, String message, long retryAfterSeconds) {
			super(code, message, null);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		public long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

		@Override
		public boolean reachedVendor() {
			return false;
		}

	}

	/**
	 * The vendor refused our credentials or signature: an operator must fix the
	 * configuration.
	 */
	public static final class AuthFailed extends UpstreamFailure {

		public AuthFailed(String code, String message, String requestId) {
			super(code, message, requestId);
		}

	}

}
