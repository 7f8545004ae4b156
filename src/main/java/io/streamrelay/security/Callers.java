package io.streamrelay.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the request attribute an authentication filter sets, or
 * {@value #ANONYMOUS}; and which apps the caller's key covers.
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

	/**
	 * Whether the API key that authenticated the current request may act on the app;
	 * false without one.
	 */
	public static boolean mayActOn(String appId) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication instanceof ApiKeyAuthentication caller && caller.key().mayActOn(appId);
	}

	/**
	 * Whether the API key that authenticated the current request is scoped to every app
	 * ({@code *}); false without one.
	 */
	public static boolean mayActOnEveryApp() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication instanceof ApiKeyAuthentication caller && caller.key().apps().contains("*");
	}

}
