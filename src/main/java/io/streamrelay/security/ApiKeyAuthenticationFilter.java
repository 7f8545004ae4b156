package io.streamrelay.security;

import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.routes.ApiRoute;
import io.streamrelay.routes.ApiRoutes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} (never a key in the query string),
 * then applies the key's app scope, role and request rate on {@code /v1/...}, deciding on
 * the route MVC resolves. The key itself is never logged or stored.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final Set<String> QUERY_KEY_NAMES = Set.of("api_key", "apikey", "access_token", "token", "key");

	private final ApiKeys keys;

	private final ApiRoutes routes;

	private final SecurityProblems problems;

	private final RateLimiterRegistry limiters;

	private final RateLimiterConfig perKey;

	ApiKeyAuthenticationFilter(ApiKeys keys, ApiRoutes routes, SecurityProblems problems, RateLimiterRegistry limiters,
			RateLimiterConfig perKey) {
		this.keys = keys;
		this.routes = routes;
		this.problems = problems;
		this.limiters = limiters;
		this.perKey = perKey;
	}

	/** Looks at the raw query only: reading parameters would consume a form body. */
	static boolean carriesKeyInQuery(String query) {
		if (query == null) {
			return false;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
					java.nio.charset.StandardCharsets.UTF_8);
			if (QUERY_KEY_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean keyInQuery;
		try {
			keyInQuery = carriesKeyInQuery(request.getQueryString());
		}
		catch (IllegalArgumentException ex) {
			// URLDecoder refuses a '%' not followed by two hex digits: the client's
			// mistake
			this.problems.write(response, ProblemTypes.MALFORMED,
					"The query string is not valid percent-encoding: a '%' must be followed by two hex digits",
					java.util.Map.of());
			return;
		}
		if (keyInQuery) {
			this.problems.unauthenticated(response,
					"API keys are not accepted in the query string; send Authorization: Bearer <key>");
			return;
		}
		String header = request.getHeader("Authorization");
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiKey> key = header.regionMatches(true, 0, "Bearer ", 0, 7)
				? this.keys.find(header.substring(7).trim()) : Optional.empty();
		if (key.isEmpty()) {
			this.problems.unauthenticated(response, "The API key is missing, malformed or not known");
			return;
		}
		ApiKeyAuthentication authentication = new ApiKeyAuthentication(key.get());
		// decoded as Spring Security and MVC see it: "/%761/apps/..." is under /v1/ too
		Optional<ApiRoute> route = this.routes.resolve(request);
		if (route.isPresent()) {
			AppAccess access = AppAccess.decide(route.get(), request.getMethod(), authentication);
			if (access.verdict() != AppAccess.Verdict.ALLOWED) {
				this.problems.denied(response, access);
				return;
			}
			RateLimiter limiter = this.limiters.rateLimiter("api-key-" + key.get().name(), this.perKey);
			if (!limiter.acquirePermission()) {
				Metrics.counter("streamrelay.requests.limited", "limit", ProblemTypes.TOO_MANY_REQUESTS.slug())
					.increment();
				this.problems.write(response, ProblemTypes.TOO_MANY_REQUESTS,
						"This API key sent more requests per second than allowed; retry after the Retry-After delay",
						java.util.Map.of("Retry-After", "1"));
				return;
			}
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		request.setAttribute(Callers.ATTRIBUTE, key.get().name());
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
