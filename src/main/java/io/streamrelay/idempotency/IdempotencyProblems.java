package io.streamrelay.idempotency;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The RFC 9457 problems of idempotent requests. A filter runs outside the
 * {@code @RestControllerAdvice}, so they are written here, with the same conventions:
 * stable type, constant title, useful detail.
 */
final class IdempotencyProblems {

	static final String BASE = "https://streamrelay.io/problems/";

	private final JsonMapper json;

	IdempotencyProblems(JsonMapper json) {
		this.json = json;
	}

	void invalidKey(HttpServletResponse response) throws IOException {
		ObjectNode problem = problem("invalid-idempotency-key", "Invalid Idempotency-Key header", 400,
				IdempotencyKeyHeader.NAME + " " + IdempotencyKeyHeader.RULE);
		problem.put("header", IdempotencyKeyHeader.NAME);
		write(response, 400, problem);
	}

	void reused(HttpServletResponse response, String key) throws IOException {
		write(response, 422,
				problem("idempotency-key-reused", "Idempotency key reused", 422,
						"Idempotency key '" + key + "' was used for a different request (method, path or body differ);"
								+ " use a new key for a new request"));
	}

	void inFlight(HttpServletResponse response, String key) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		write(response, 409,
				problem("idempotency-request-in-flight", "Request with this idempotency key in progress", 409,
						"A request with idempotency key '" + key + "' is still being processed; retry it later"
								+ " to receive its result"));
	}

	void unavailable(HttpServletResponse response) throws IOException {
		write(response, 500, problem("internal-error", "Internal error", 500,
				"The request failed unexpectedly; it has been logged"));
	}

	private ObjectNode problem(String slug, String title, int status, String detail) {
		return this.json.createObjectNode()
			.put("type", BASE + slug)
			.put("title", title)
			.put("status", status)
			.put("detail", detail);
	}

	private void write(HttpServletResponse response, int status, ObjectNode problem) throws IOException {
		byte[] body = this.json.writeValueAsBytes(problem);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
