package io.streamrelay.security;

import java.io.IOException;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.RequestBodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: a declared length over the cap is refused at once, a chunked body
 * when it crosses it.
 */
class RequestLimitsFilter extends OncePerRequestFilter {

	private final long maxBodyBytes;

	private final SecurityProblems problems;

	RequestLimitsFilter(long maxBodyBytes, SecurityProblems problems) {
		this.maxBodyBytes = maxBodyBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			tooLarge(response);
			return;
		}
		try {
			chain.doFilter(new CappedRequest(request, this.maxBodyBytes), response);
		}
		catch (ServletException | RuntimeException ex) {
			if (causedByCap(ex)) {
				tooLarge(response);
				return;
			}
			throw ex;
		}
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		this.problems.write(response, ProblemTypes.PAYLOAD_TOO_LARGE,
				"Request bodies are limited to " + this.maxBodyBytes + " bytes",
				java.util.Map.of("Connection", "close"));
	}

	static boolean causedByCap(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof RequestBodyTooLarge) {
				return true;
			}
		}
		return false;
	}

	private static final class CappedRequest extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		CappedRequest(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CappedStream(super.getInputStream(), this.max);
			}
			return this.stream;
		}

	}

	private static final class CappedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long max;

		private long read;

		CappedStream(ServletInputStream delegate, long max) {
			this.delegate = delegate;
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.max) {
				throw new RequestBodyTooLarge(this.max);
			}
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
