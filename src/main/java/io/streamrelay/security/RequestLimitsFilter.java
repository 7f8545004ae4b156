package io.streamrelay.security;

import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.streamrelay.problems.Problems;
import io.streamrelay.problems.RequestBodyRefused;
import io.streamrelay.problems.RequestBodyTooLarge;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies in size and in time: a declared length over the cap is refused at
 * once, a chunked body when it crosses the cap, and a body still arriving when the read
 * timeout has passed is given up (a slow client would otherwise hold a worker).
 */
class RequestLimitsFilter extends OncePerRequestFilter {

	/**
	 * As much of a refused body as is read to close the exchange cleanly (Tomcat's own
	 * default).
	 */
	static final long MAX_DRAIN_BYTES = 2 * 1024 * 1024;

	private final long maxBodyBytes;

	private final Duration bodyReadTimeout;

	RequestLimitsFilter(long maxBodyBytes, Duration bodyReadTimeout) {
		this.maxBodyBytes = maxBodyBytes;
		this.bodyReadTimeout = bodyReadTimeout;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		LimitedBodyRequest limited = new LimitedBodyRequest(request, this.maxBodyBytes, this.bodyReadTimeout);
		if (request.getContentLengthLong() > this.maxBodyBytes) {
			refuse(request, response, new RequestBodyTooLarge(this.maxBodyBytes));
		}
		else {
			try {
				chain.doFilter(limited, response);
			}
			catch (ServletException | IOException | RuntimeException ex) {
				// a filter that reads whole bodies (idempotency) fails before MVC
				RequestBodyRefused refused = RequestBodyRefused.in(ex);
				if (refused == null) {
					throw ex;
				}
				refuse(request, response, refused);
			}
		}
		Object refused = request.getAttribute(RequestBodyRefused.ATTRIBUTE);
		if (refused != null && !drained(limited, response, refused)) {
			// Tomcat must not read the rest either: the connection closes instead
			request.setAttribute(RequestBodyRefused.ABANDONED, Boolean.TRUE);
		}
	}

	/**
	 * Sends the answer to a body that was too large at once, then reads what is left of
	 * it, so that a client still sending gets the answer rather than a reset. A body that
	 * was too slow is not waited for again.
	 */
	private static boolean drained(LimitedBodyRequest request, HttpServletResponse response, Object refused)
			throws IOException {
		if (!(refused instanceof RequestBodyTooLarge)) {
			return false;
		}
		response.flushBuffer();
		return request.drain(MAX_DRAIN_BYTES);
	}

	/**
	 * Answers the refusal. When the connector has already decided to answer (its own read
	 * timeout), the error dispatch answers from the request attribute instead.
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, RequestBodyRefused refused)
			throws IOException {
		request.setAttribute(RequestBodyRefused.ATTRIBUTE, refused);
		Metrics.counter("streamrelay.requests.limited", "limit", refused.type().slug()).increment();
		Problems.write(response, refused.type(), refused.detail(), Map.of(), Map.of("Connection", "close"));
	}

}
