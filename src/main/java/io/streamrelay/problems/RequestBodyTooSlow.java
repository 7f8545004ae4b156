package io.streamrelay.problems;

import java.time.Duration;

/**
 * A request body did not arrive within the body-read timeout: the server stops waiting
 * rather than hold a worker for a client that sends a byte now and then.
 */
public final class RequestBodyTooSlow extends RequestBodyRefused {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	public RequestBodyTooSlow(Duration timeout, Throwable cause) {
		super("request body not read within " + timeout, cause);
		this.timeout = timeout;
	}

	@Override
	public ProblemType type() {
		return ProblemTypes.http(408);
	}

	@Override
	public String detail() {
		return "The request body did not arrive within " + spoken(this.timeout)
				+ "; send the whole body at once after the headers";
	}

	static String spoken(Duration duration) {
		if (duration.toMillis() % 1000 != 0) {
			return duration.toMillis() + " ms";
		}
		long seconds = duration.toSeconds();
		return seconds + ((seconds == 1) ? " second" : " seconds");
	}

}
