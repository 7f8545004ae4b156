package io.streamrelay.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.streamrelay.problems.RequestBodyRefused;
import io.streamrelay.problems.RequestBodyTooLarge;
import io.streamrelay.problems.RequestBodyTooSlow;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body stream fails with a {@link RequestBodyRefused} (also recorded as a
 * request attribute) once the body crosses the size cap or is still arriving when the
 * read timeout, counted from the moment the request reached the service, has passed.
 */
final class LimitedBodyRequest extends HttpServletRequestWrapper {

	private final long maxBytes;

	private final Duration timeout;

	private final long deadline;

	private ServletInputStream stream;

	private BufferedReader reader;

	LimitedBodyRequest(HttpServletRequest request, long maxBytes, Duration timeout) {
		super(request);
		this.maxBytes = maxBytes;
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new LimitedStream(super.getInputStream());
		}
		return this.stream;
	}

	/** The container's reader would bypass the limits: it reads the raw stream itself. */
	@Override
	public BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
		return this.reader;
	}

	/**
	 * Reads and drops what is left of a refused body, so that the connection can carry
	 * the answer cleanly, unless that would take past the deadline or more than
	 * {@code maxBytes}; false when the rest was left unread.
	 */
	boolean drain(long maxBytes) {
		byte[] buffer = new byte[8192];
		long drained = 0;
		try {
			ServletInputStream raw = super.getInputStream();
			while (drained <= maxBytes && !pastDeadline()) {
				int n = raw.read(buffer);
				if (n < 0) {
					return true;
				}
				drained += n;
			}
		}
		catch (IOException ex) {
			// the connector gave up on the client: nothing more to read
		}
		return false;
	}

	private boolean pastDeadline() {
		return System.nanoTime() - this.deadline > 0;
	}

	private <T extends RequestBodyRefused> T refused(T refusal) {
		setAttribute(RequestBodyRefused.ATTRIBUTE, refusal);
		return refusal;
	}

	private final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final byte[] one = new byte[1];

		private long read;

		LimitedStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int n = read(this.one, 0, 1);
			return (n < 0) ? -1 : (this.one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (pastDeadline() && !this.delegate.isFinished()) {
				throw refused(new RequestBodyTooSlow(LimitedBodyRequest.this.timeout, null));
			}
			int n;
			try {
				n = this.delegate.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw timedOut(ex) ? refused(new RequestBodyTooSlow(LimitedBodyRequest.this.timeout, ex)) : ex;
			}
			if (n > 0) {
				this.read += n;
				if (this.read > LimitedBodyRequest.this.maxBytes) {
					throw refused(new RequestBodyTooLarge(LimitedBodyRequest.this.maxBytes));
				}
			}
			return n;
		}

		/** The connector's own read timeout (connectionUploadTimeout) ended the read. */
		private static boolean timedOut(IOException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof SocketTimeoutException) {
					return true;
				}
			}
			return false;
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
