package io.streamrelay.problems;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * The catalogue: every problem type this service answers, whoever answers it (MVC
 * handler, filter, Tomcat valve, emulator control endpoints). Each is documented in the
 * README, "Errors".
 */
public final class ProblemTypes {

	public static final ProblemType VALIDATION = new ProblemType(400, "validation-failed", "Request breaks a rule");

	public static final ProblemType MALFORMED = new ProblemType(400, "malformed-request", "Malformed request");

	public static final ProblemType INVALID_IDEMPOTENCY_KEY = new ProblemType(400, "invalid-idempotency-key",
			"Invalid Idempotency-Key header");

	public static final ProblemType UNAUTHENTICATED = new ProblemType(401, "unauthenticated",
			"Authentication required");

	public static final ProblemType FORBIDDEN = new ProblemType(403, "forbidden", "Not allowed");

	public static final ProblemType UNKNOWN_APP = new ProblemType(404, "unknown-app", "Unknown RTC application");

	public static final ProblemType TASK_NOT_FOUND = new ProblemType(404, "task-not-found", "Relay task not found");

	public static final ProblemType TASK_EXISTS = new ProblemType(409, "task-already-exists",
			"Relay task already exists");

	public static final ProblemType STATE_CONFLICT = new ProblemType(409, "task-state-conflict",
			"Relay task is in the wrong state");

	public static final ProblemType DESTINATION_IN_USE = new ProblemType(409, "destination-in-use",
			"Destination used by a running task");

	public static final ProblemType CONCURRENT_MODIFICATION = new ProblemType(409, "task-modified-concurrently",
			"Relay task was modified concurrently");

	public static final ProblemType FIELD_IMMUTABLE = new ProblemType(409, "field-immutable",
			"Field cannot change on a running task");

	public static final ProblemType IDEMPOTENCY_IN_FLIGHT = new ProblemType(409, "idempotency-request-in-flight",
			"Request with this idempotency key in progress");

	public static final ProblemType PRECONDITION_FAILED = new ProblemType(412, "precondition-failed",
			"ETag does not match");

	public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType(413, "payload-too-large",
			"Request body too large");

	public static final ProblemType DESTINATION_NOT_ALLOWED = new ProblemType(422, "destination-not-allowed",
			"Destination not allowed");

	public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType(422, "idempotency-key-reused",
			"Idempotency key reused");

	public static final ProblemType UPSTREAM_REJECTED = new ProblemType(422, "upstream-rejected",
			"The vendor rejected the request");

	public static final ProblemType TOO_MANY_REQUESTS = new ProblemType(429, "too-many-requests", "Too many requests");

	public static final ProblemType RATE_LIMITED = new ProblemType(429, "rate-limited",
			"Too many vendor calls right now");

	public static final ProblemType INTERNAL = new ProblemType(500, "internal-error", "Internal error");

	public static final ProblemType UPSTREAM_BAD_RESPONSE = new ProblemType(502, "upstream-bad-response",
			"The vendor failed or answered garbage");

	public static final ProblemType UPSTREAM_AUTH = new ProblemType(502, "upstream-auth-failed",
			"The vendor refused this service's credentials");

	public static final ProblemType UPSTREAM_THROTTLED = new ProblemType(503, "upstream-throttled",
			"The vendor is throttling requests");

	public static final ProblemType UPSTREAM_UNREACHABLE = new ProblemType(503, "upstream-unreachable",
			"The vendor cannot be reached");

	public static final ProblemType UPSTREAM_TIMEOUT = new ProblemType(504, "upstream-timeout",
			"The vendor did not answer in time");

	public static final ProblemType DATABASE_UNAVAILABLE = new ProblemType(503, "database-unavailable",
			"The database is unavailable");

	public static final ProblemType OUTCOME_NOT_RECORDED = new ProblemType(503, "outcome-not-recorded",
			"The vendor was called but the outcome could not be recorded");

	public static final ProblemType EMULATOR_REFUSED = new ProblemType(400, "emulator-request-refused",
			"The emulator refused the control request");

	public static final ProblemType EMULATOR_INVALID_FAULT = new ProblemType(400, "emulator-invalid-fault",
			"Invalid fault rule");

	public static final ProblemType EMULATOR_NO_RUNNING_TASK = new ProblemType(404, "emulator-no-running-task",
			"No such running task");

	/** Every named type above, for the documentation test. */
	public static final List<ProblemType> ALL = List.of(VALIDATION, MALFORMED, INVALID_IDEMPOTENCY_KEY, UNAUTHENTICATED,
			FORBIDDEN, UNKNOWN_APP, TASK_NOT_FOUND, TASK_EXISTS, STATE_CONFLICT, DESTINATION_IN_USE,
			CONCURRENT_MODIFICATION, FIELD_IMMUTABLE, IDEMPOTENCY_IN_FLIGHT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE,
			DESTINATION_NOT_ALLOWED, IDEMPOTENCY_KEY_REUSED, UPSTREAM_REJECTED, TOO_MANY_REQUESTS, RATE_LIMITED,
			INTERNAL, UPSTREAM_BAD_RESPONSE, UPSTREAM_AUTH, UPSTREAM_THROTTLED, UPSTREAM_UNREACHABLE, UPSTREAM_TIMEOUT,
			DATABASE_UNAVAILABLE, OUTCOME_NOT_RECORDED, EMULATOR_REFUSED, EMULATOR_INVALID_FAULT,
			EMULATOR_NO_RUNNING_TASK);

	private ProblemTypes() {
	}

	/**
	 * The generic type of a plain HTTP refusal (404 of an unknown path, 405, 406, 415,
	 * ...): the slug and title are those of the status.
	 */
	public static ProblemType http(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		if (known == null) {
			return new ProblemType(status, "http-" + status, "HTTP " + status);
		}
		return new ProblemType(status, known.name().toLowerCase().replace('_', '-'), known.getReasonPhrase());
	}

}
