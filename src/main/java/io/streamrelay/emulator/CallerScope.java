package io.streamrelay.emulator;

import java.util.Map;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.security.Callers;

import org.springframework.http.ResponseEntity;

/**
 * The app scope of the caller's API key, as the control endpoints apply it: another app's
 * relays are out of reach, and what acts on every app needs a key for every app.
 */
final class CallerScope {

	private CallerScope() {
	}

	static boolean covers(String appId) {
		return Callers.mayActOn(appId);
	}

	static void requireApp(String appId) {
		if (!covers(appId)) {
			throw new Refused("This API key may not act on RTC application '" + appId + "'.");
		}
	}

	static boolean coversEveryApp() {
		return Callers.mayActOnEveryApp();
	}

	static void requireEveryApp(String what) {
		if (!Callers.mayActOnEveryApp()) {
			throw new Refused(what + " acts on every app, so it needs an API key scoped to all apps ('*').");
		}
	}

	static ResponseEntity<Object> refusal(Refused refused) {
		return Problems.entity(ProblemTypes.FORBIDDEN, refused.getMessage(), Map.of());
	}

	/** The caller's key does not cover what the request acts on. */
	static final class Refused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Refused(String message) {
			super(message, null, false, false);
		}

	}

}
