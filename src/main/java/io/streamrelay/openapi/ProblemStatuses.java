package io.streamrelay.openapi;

import java.util.Map;

/**
 * What each problem status means for a client of this API (the README's Errors table).
 */
final class ProblemStatuses {

	private static final Map<String, String> MEANINGS = Map.ofEntries(
			Map.entry("400",
					"Bad request: a field breaks a rule (errors[] names each), malformed JSON or parameter,"
							+ " invalid Idempotency-Key"),
			Map.entry("401", "No or unknown API key"), Map.entry("403", "The key may not act on this app or route"),
			Map.entry("404", "No such app, task or route"), Map.entry("406", "Accept does not allow application/json"),
			Map.entry("409",
					"Conflict: the task exists, is in a state that forbids the call, was modified"
							+ " concurrently, or a request with the same Idempotency-Key is in flight"),
			Map.entry("412", "If-Match does not match the task's ETag"), Map.entry("413", "The body is too large"),
			Map.entry("415", "Content-Type must be application/json (application/merge-patch+json for PATCH)"),
			Map.entry("422",
					"The vendor refused the request, the destination is not allowed, or the Idempotency-Key"
							+ " was used for a different request"),
			Map.entry("429", "Too many requests (per API key, or our limiter of vendor calls); see Retry-After"),
			Map.entry("500", "Unexpected failure; logged with the request id"),
			Map.entry("502",
					"The vendor answered something unusable or refused our credentials; the outcome of the"
							+ " call is unknown, the task is reconciled"),
			Map.entry("503", "The vendor throttled the call or cannot be reached; see Retry-After"),
			Map.entry("504", "The vendor did not answer in time; the outcome is unknown, the task is reconciled"));

	private ProblemStatuses() {
	}

	static String describe(String status) {
		return MEANINGS.getOrDefault(status, "A problem");
	}

}
