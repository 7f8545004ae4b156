package io.streamrelay.idempotency;

import java.io.IOException;
import java.util.Map;

import io.streamrelay.problems.DatabaseUnavailable;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The RFC 9457 problems of idempotent requests. A filter runs outside the
 * {@code @RestControllerAdvice}, so they are written here, with the same conventions:
 * stable type, constant title, useful detail.
 */
final class IdempotencyProblems {

	void invalidKey(HttpServletResponse response) throws IOException {
		Problems.write(response, ProblemTypes.INVALID_IDEMPOTENCY_KEY,
				IdempotencyKeyHeader.NAME + " " + IdempotencyKeyHeader.RULE,
				Map.of("header", IdempotencyKeyHeader.NAME), Map.of());
	}

	void reused(HttpServletResponse response, String key) throws IOException {
		Problems.write(response, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
				"Idempotency key '" + key + "' was used for a different request (method, path or body differ);"
						+ " use a new key for a new request",
				Map.of(), Map.of());
	}

	void inFlight(HttpServletResponse response, String key) throws IOException {
		Problems.write(
				response, ProblemTypes.IDEMPOTENCY_IN_FLIGHT, "A request with idempotency key '" + key
						+ "' is still being processed; retry it later" + " to receive its result",
				Map.of(), Map.of(HttpHeaders.RETRY_AFTER, "1"));
	}

	void unavailable(HttpServletResponse response) throws IOException {
		DatabaseUnavailable.write(response);
	}

	void answerNotStored(HttpServletResponse response) throws IOException {
		Problems.write(response, ProblemTypes.DATABASE_UNAVAILABLE,
				"The request was executed, but the database failed while its answer was stored: the task holds its"
						+ " effect. Retry with the same " + IdempotencyKeyHeader.NAME
						+ " to get the result (once the key's lock times out).",
				Map.of(), DatabaseUnavailable.headers());
	}

}
