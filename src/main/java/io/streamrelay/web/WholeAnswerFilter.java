package io.streamrelay.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.streamrelay.routes.EmulatorPaths;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Puts every answer on the wire whole, with its {@code Content-Length}, before the
 * request leaves the servlet. Spring's message converters flush after writing, which
 * commits a chunked answer whose last chunk Tomcat only writes after the servlet
 * returned; Spring Boot's graceful shutdown counts a request as done when the servlet
 * returned, so a shutdown could close the connection between the two and the client read
 * a cut answer (seen once in {@code GracefulShutdownTest}: "chunked transfer encoding,
 * state: READING_LENGTH"). Held here instead, the answer is written and flushed by this
 * filter, still inside the servlet's request, and nothing is left for after it.
 * <p>
 * Not for the emulator's vendor endpoint ({@code /}) and control endpoints
 * ({@code /emulator/**}): its wire faults (a dropped connection, garbage, an answer held
 * past the read timeout) must reach the caller as they are written.
 */
class WholeAnswerFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return EmulatorPaths.covers(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, whole);
		// on an exception the container's error answer replaces what was held
		whole.copyBodyToResponse();
		response.flushBuffer();
	}

}
