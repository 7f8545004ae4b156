package io.streamrelay.problems;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one writer of RFC 9457 answers: as a {@link ResponseEntity} for MVC handlers, or
 * straight to the servlet response for filters and Tomcat, which run before MVC. Both
 * give the same body: type, title, status, detail, then the extension members.
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The member naming the request's id; the same name is the MDC key the logging
	 * package's request-id filter sets.
	 */
	public static final String REQUEST_ID = "requestId";

	private Problems() {
	}

	private static String requestId() {
		return MDC.get(REQUEST_ID);
	}

	public static ProblemDetail detail(ProblemType type, String detail, Map<String, ?> extensions) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		extensions.forEach(problem::setProperty);
		String requestId = requestId();
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
		}
		return problem;
	}

	public static ResponseEntity<Object> entity(ProblemType type, String detail, Map<String, ?> extensions) {
		return entity(type, detail, extensions, HttpHeaders.EMPTY);
	}

	public static ResponseEntity<Object> entity(ProblemType type, String detail, Map<String, ?> extensions,
			HttpHeaders headers) {
		return ResponseEntity.status(type.status())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(detail(type, detail, extensions));
	}

	/** The body of a problem, as the servlet writers below send it. */
	public static byte[] body(ProblemType type, String detail, Map<String, ?> extensions) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.type().toString());
		body.put("title", type.title());
		body.put("status", type.status());
		body.put("detail", detail);
		body.putAll(extensions);
		String requestId = requestId();
		if (requestId != null) {
			body.put(REQUEST_ID, requestId);
		}
		return json(body);
	}

	/**
	 * A problem body assembled by a caller that must keep a status of its own (Tomcat).
	 */
	public static byte[] json(Map<String, Object> body) {
		return JSON.writeValueAsBytes(body);
	}

	/**
	 * Writes the problem unless the response is already committed (then the client has an
	 * answer and nothing can be added).
	 */
	public static void write(HttpServletResponse response, ProblemType type, String detail, Map<String, ?> extensions,
			Map<String, String> headers) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		byte[] bytes = body(type, detail, extensions);
		response.setStatus(type.status());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		headers.forEach(response::setHeader);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	public static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
		write(response, type, detail, Map.of(), Map.of());
	}

}
