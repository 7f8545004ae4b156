package io.streamrelay.problems;

/** A request body crossed the configured cap while being read. */
public final class RequestBodyTooLarge extends RequestBodyRefused {

	private static final long serialVersionUID = 1L;

	private final long maxBytes;

	public RequestBodyTooLarge(long maxBytes) {
		super("request body exceeds " + maxBytes + " bytes", null);
		this.maxBytes = maxBytes;
	}

	public long maxBytes() {
		return this.maxBytes;
	}

	@Override
	public ProblemType type() {
		return ProblemTypes.PAYLOAD_TOO_LARGE;
	}

	@Override
	public String detail() {
		return "Request bodies are limited to " + this.maxBytes + " bytes";
	}

}
