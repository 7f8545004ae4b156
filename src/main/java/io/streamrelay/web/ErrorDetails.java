package io.streamrelay.web;

import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Wording of the error-dispatch answers: what went wrong and what to send instead,
 * quoting only the method and path of the request.
 */
final class ErrorDetails {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,32}");

	private static final int MAX_PATH = 200;

	private ErrorDetails() {
	}

	static String path(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (uri instanceof String text) ? text.substring(request.getContextPath().length()) : "/";
	}

	static String method(HttpServletRequest request) {
		Object method = request.getAttribute(RequestDispatcher.ERROR_METHOD);
		String name = (method instanceof String text) ? text : request.getMethod();
		return TOKEN.matcher(name).matches() ? name : "this method";
	}

	static String badRequest(HttpServletRequest request, Throwable exception) {
		String transferEncoding = request.getHeader("Transfer-Encoding");
		if (transferEncoding != null && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
			return "The chunked request body is malformed (a chunk size that is not hexadecimal, or chunks that"
					+ " do not match their sizes); send valid chunked encoding or a Content-Length";
		}
		if (exception != null) {
			return "The request body could not be read: it ended before its declared length or is malformed";
		}
		return "The request is malformed and could not be processed";
	}

	static String other(int status) {
		return switch (status) {
			case 408 -> "The request did not arrive in time";
			case 413 -> "The request body is larger than this endpoint accepts";
			default -> "The request was refused (HTTP " + status + ")";
		};
	}

	static String clip(String path) {
		return (path.length() > MAX_PATH) ? path.substring(0, MAX_PATH) + "..." : path;
	}

}
