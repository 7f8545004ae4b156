package io.streamrelay.routes;

import java.util.Map;
import java.util.Objects;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A path under {@code /v1/} as Spring MVC resolves it: the matched route pattern and its
 * decoded URI variables, or {@link #known() no route} when nothing matches.
 *
 * @param pattern the route pattern, e.g. {@code /v1/apps/{appId}/relay-tasks/{taskId}};
 * empty when no route matches
 * @param variables the URI variables, percent-decoded exactly as the controller receives
 * them
 */
public record ApiRoute(String pattern, Map<String, String> variables) {

	/** A path under {@code /v1/} that no route matches. */
	static final ApiRoute UNKNOWN = new ApiRoute("", Map.of());

	public ApiRoute {
		Objects.requireNonNull(pattern, "pattern");
		variables = Map.copyOf(variables);
	}

	/** Whether a route matches the path (if not, MVC answers 404). */
	public boolean known() {
		return !this.pattern.isEmpty();
	}

	/** The RTC application the route addresses, or null for a route without one. */
	public String appId() {
		return this.variables.get("appId");
	}

	/** The decoded value of a URI variable, or null. */
	public String variable(String name) {
		return this.variables.get(name);
	}

	/**
	 * The one spelling of this route's path: the pattern expanded with the decoded
	 * variables, each percent-encoded the same way (unreserved characters as they are),
	 * so {@code demo%2Dapp} and {@code demo-app} give the same string.
	 */
	public String canonicalPath() {
		return UriComponentsBuilder.fromPath(this.pattern).encode().buildAndExpand(this.variables).toUriString();
	}

}
