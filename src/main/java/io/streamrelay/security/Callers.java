package io.streamrelay.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling: the request attribute an authentication filter sets, or
 * {@value #ANONYMOUS}.
 */
public final class Callers {

	/**
	 * Request attribute holding the caller's name (String); authentication sets it to the
	 * API key's name.
	 */
	public static final String ATTRIBUTE = "io.streamrelay.caller";

	/** The caller of requests that carry no identity. */
	public static final String ANONYMOUS = "anonymous";

	private Callers() {
	}

	public static String of(HttpServletRequest request) {
		Object caller = request.getAttribute(ATTRIBUTE);
		return (caller instanceof String name && !name.isBlank()) ? name : ANONYMOUS;
	}

}
