package io.streamrelay.security;

import java.io.IOException;
import java.util.Map;

import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

/**
 * Writes the problem+json answers of the security layer (it runs before the MVC problem
 * handler).
 */
@Component
class SecurityProblems {

	void write(HttpServletResponse response, ProblemType type, String detail, Map<String, String> headers)
			throws IOException {
		Problems.write(response, type, detail, Map.of(), headers);
	}

	void unauthenticated(HttpServletResponse response, String detail) throws IOException {
		write(response, ProblemTypes.UNAUTHENTICATED, detail,
				Map.of("WWW-Authenticate", "Bearer realm=\"streamrelay\""));
	}

	void denied(HttpServletResponse response, AppAccess access) throws IOException {
		switch (access.verdict()) {
			case NO_ROUTE -> write(response, ProblemTypes.http(404), "No API route matches this path", Map.of());
			case UNKNOWN_TASK -> write(response, ProblemTypes.TASK_NOT_FOUND,
					"No relay task '" + access.taskId() + "' in app '" + access.appId() + "'", Map.of());
			case UNKNOWN_APP -> write(response, ProblemTypes.UNKNOWN_APP,
					"RTC application '" + access.appId() + "' is not configured", Map.of());
			case FORBIDDEN_APP -> write(response, ProblemTypes.FORBIDDEN,
					"This API key may not act on RTC application '" + access.appId() + "'", Map.of());
			default -> write(response, ProblemTypes.FORBIDDEN,
					"This API key's role may only read; starting, updating and stopping needs the write role",
					Map.of());
		}
	}

}
