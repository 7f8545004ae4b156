package io.streamrelay.idempotency;

import java.io.IOException;
import java.util.Map;

import io.streamrelay.relaytask.api.ProblemResponses;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * The RFC 9457 problems of idempotent requests. A filter runs outside the
 * {@code @RestControllerAdvice}, so they are written here, with the same conventions:
 * stable type, constant title, useful detail.
 */
final class IdempotencyProblems {

	private final JsonMapper json;

	IdempotencyProblems(JsonMapper json) {
		this.json = json;
	}

	void invalidKey(HttpServletResponse response) throws IOException {
		ProblemResponses.write(response, this.json, 400, "invalid-idempotency-key", "Invalid Idempotency-Key header",
				IdempotencyKeyHeader.NAME + " " + IdempotencyKeyHeader.RULE,
				Map.of("header", IdempotencyKeyHeader.NAME), Map.of());
	}

	void reused(HttpServletResponse response, String key) throws IOException {
		ProblemResponses.write(response, this.json, 422, "idempotency-key-reused", "Idempotency key reused",
				"Idempotency key '" + key + "' was used for a different request (method, path or body differ);"
						+ " use a new key for a new request",
				Map.of(), Map.of());
	}

	void inFlight(HttpServletResponse response, String key) throws IOException {
		ProblemResponses.write(response, this.json, 409, "idempotency-request-in-flight",
				"Request with this idempotency key in progress", "A request with idempotency key '" + key
						+ "' is still being processed; retry it later" + " to receive its result",
				Map.of(), Map.of(HttpHeaders.RETRY_AFTER, "1"));
	}

	void unavailable(HttpServletResponse response) throws IOException {
		ProblemResponses.write(response, this.json, 500, "internal-error", "Internal error",
				"The request failed unexpectedly; it has been logged", Map.of(), Map.of());
	}

}
