package io.streamrelay.web;

import java.io.IOException;
import java.io.PrintWriter;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a problem body to a 4xx or 5xx that a handler set without writing anything (an
 * actuator endpoint's 404, for one): such an answer is held back until the handler
 * returns, then written as a problem.
 */
class BlankErrorFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Watched watched = new Watched(response);
		chain.doFilter(request, watched);
		if (watched.blankError() && !response.isCommitted()) {
			int status = response.getStatus();
			String detail = (status == 404) ? "There is no resource at " + ErrorDetails.clip(request.getRequestURI())
					: ErrorDetails.other(status);
			Problems.write(response, (status == 500) ? ProblemTypes.INTERNAL : ProblemTypes.http(status), detail);
		}
	}

	/** Notes whether anything was written, and holds back flushes of a blank error. */
	private static final class Watched extends HttpServletResponseWrapper {

		private boolean written;

		private boolean errorSent;

		private ServletOutputStream stream;

		private PrintWriter writer;

		Watched(HttpServletResponse response) {
			super(response);
		}

		boolean blankError() {
			return getStatus() >= 400 && !this.written && !this.errorSent;
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

		@Override
		public void flushBuffer() throws IOException {
			if (!blankError()) {
				super.flushBuffer();
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new WatchedStream(super.getOutputStream());
			}
			return this.stream;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				this.written = true;
				this.writer = super.getWriter();
			}
			return this.writer;
		}

		private final class WatchedStream extends ServletOutputStream {

			private final ServletOutputStream delegate;

			WatchedStream(ServletOutputStream delegate) {
				this.delegate = delegate;
			}

			@Override
			public void write(int b) throws IOException {
				Watched.this.written = true;
				this.delegate.write(b);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				Watched.this.written |= length > 0;
				this.delegate.write(bytes, offset, length);
			}

			@Override
			public void flush() throws IOException {
				if (!blankError()) {
					this.delegate.flush();
				}
			}

			@Override
			public void close() throws IOException {
				if (!blankError()) {
					this.delegate.close();
				}
			}

			@Override
			public boolean isReady() {
				return this.delegate.isReady();
			}

			@Override
			public void setWriteListener(WriteListener listener) {
				this.delegate.setWriteListener(listener);
			}

		}

	}

}
