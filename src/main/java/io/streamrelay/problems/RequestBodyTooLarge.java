package io.streamrelay.problems;

import java.io.IOException;

/** A request body crossed the configured cap while being read. */
public final class RequestBodyTooLarge extends IOException {

	private static final long serialVersionUID = 1L;

	private final long maxBytes;

	public RequestBodyTooLarge(long maxBytes) {
		super("request body exceeds " + maxBytes + " bytes");
		this.maxBytes = maxBytes;
	}

	public long maxBytes() {
		return this.maxBytes;
	}

}
