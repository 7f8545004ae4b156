package io.streamrelay.relaytask.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problems written directly to a servlet response, for the filters that run
 * before the MVC problem handler; same conventions: stable type under {@link #BASE},
 * constant title, useful detail.
 */
public final class ProblemResponses {

	/** Every problem type of this API is this base plus a slug. */
	public static final String BASE = "https://streamrelay.io/problems/";

	private ProblemResponses() {
	}

	public static void write(HttpServletResponse response, JsonMapper json, int status, String slug, String title,
			String detail, Map<String, ?> extensions, Map<String, String> headers) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", BASE + slug);
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.putAll(extensions);
		byte[] bytes = json.writeValueAsBytes(body);
		response.setStatus(status);
		response.setContentType("application/problem+json");
		headers.forEach(response::setHeader);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
