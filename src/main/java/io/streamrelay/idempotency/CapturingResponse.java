package io.streamrelay.idempotency;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Buffers the response so it can be stored before it is sent, and notes
 * {@code sendError}: the container renders such an error after the filter chain returns,
 * so its body cannot be recorded.
 */
final class CapturingResponse extends ContentCachingResponseWrapper {

	private boolean errorSent;

	CapturingResponse(HttpServletResponse response) {
		super(response);
	}

	boolean errorSent() {
		return this.errorSent;
	}

	@Override
	public void sendError(int status) throws IOException {
		this.errorSent = true;
		super.sendError(status);
	}

	@Override
	public void sendError(int status, String message) throws IOException {
		this.errorSent = true;
		super.sendError(status, message);
	}

}
