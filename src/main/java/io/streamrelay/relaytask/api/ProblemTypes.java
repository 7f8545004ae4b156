package io.streamrelay.relaytask.api;

import java.net.URI;

/** The stable problem types of this API; each is documented in the README. */
final class ProblemTypes {

	static final String BASE = ProblemResponses.BASE;

	static final URI VALIDATION = type("validation-failed");

	static final URI MALFORMED = type("malformed-request");

	static final URI DESTINATION_NOT_ALLOWED = type("destination-not-allowed");

	static final URI UNKNOWN_APP = type("unknown-app");

	static final URI TASK_NOT_FOUND = type("task-not-found");

	static final URI TASK_EXISTS = type("task-already-exists");

	static final URI STATE_CONFLICT = type("task-state-conflict");

	static final URI CONCURRENT_MODIFICATION = type("task-modified-concurrently");

	static final URI PRECONDITION_FAILED = type("precondition-failed");

	static final URI UPSTREAM_REJECTED = type("upstream-rejected");

	static final URI UPSTREAM_THROTTLED = type("upstream-throttled");

	static final URI UPSTREAM_UNREACHABLE = type("upstream-unreachable");

	static final URI UPSTREAM_TIMEOUT = type("upstream-timeout");

	static final URI UPSTREAM_BAD_RESPONSE = type("upstream-bad-response");

	static final URI RATE_LIMITED = type("rate-limited");

	static final URI UPSTREAM_AUTH = type("upstream-auth-failed");

	static final URI INTERNAL = type("internal-error");

	private ProblemTypes() {
	}

	static URI type(String slug) {
		return URI.create(BASE + slug);
	}

}
