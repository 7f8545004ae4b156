package io.streamrelay.security;

import java.io.IOException;
import java.util.Map;

import io.streamrelay.relaytask.api.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes the problem+json answers of the security layer (it runs before the MVC problem
 * handler).
 */
@Component
class SecurityProblems {

	private final JsonMapper json;

	SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	void write(HttpServletResponse response, int status, String slug, String title, String detail,
			Map<String, String> headers) throws IOException {
		ProblemResponses.write(response, this.json, status, slug, title, detail, Map.of(), headers);
	}

	void unauthenticated(HttpServletResponse response, String detail) throws IOException {
		write(response, 401, "unauthenticated", "Authentication required", detail,
				Map.of("WWW-Authenticate", "Bearer realm=\"streamrelay\""));
	}

	void denied(HttpServletResponse response, AppAccess access) throws IOException {
		switch (access.verdict()) {
			case UNKNOWN_TASK -> write(response, 404, "task-not-found", "Relay task not found",
					"No relay task '" + access.taskId() + "' in app '" + access.appId() + "'", Map.of());
			case UNKNOWN_APP -> write(response, 404, "unknown-app", "Unknown RTC application",
					"RTC application '" + access.appId() + "' is not configured", Map.of());
			case FORBIDDEN_APP -> write(response, 403, "forbidden", "Not allowed",
					"This API key may not act on RTC application '" + access.appId() + "'", Map.of());
			default -> write(response, 403, "forbidden", "Not allowed",
					"This API key's role may only read; starting, updating and stopping needs the write role",
					Map.of());
		}
	}

}
