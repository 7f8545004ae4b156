package io.streamrelay.routes;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Resolves a request to its API route with Spring MVC's own request mappings and path
 * parsing, so that filters see the same route and decoded variables as the controller,
 * whatever the spelling of the URL.
 */
public final class ApiRoutes {

	private static final PathPattern API = PathPatternParser.defaultInstance.parse("/v1/**");

	private static final String RESOLVED = ApiRoutes.class.getName() + ".resolved";

	private final Supplier<RequestMappingHandlerMapping> mapping;

	/**
	 * @param mapping the handler mapping the DispatcherServlet uses; looked up on first
	 * use, when every controller is registered
	 */
	public ApiRoutes(Supplier<RequestMappingHandlerMapping> mapping) {
		this.mapping = mapping;
	}

	/**
	 * The route of a request under {@code /v1/} (decoded, as Spring Security's and MVC's
	 * matchers see it), {@link ApiRoute#known() unknown} if no route has its path, empty
	 * for paths outside {@code /v1/}. A route whose path matches but whose method or
	 * media types do not is still that route: MVC answers 405/415/406 for it.
	 */
	public Optional<ApiRoute> resolve(HttpServletRequest request) {
		// the security and idempotency filters both ask: walk the mappings once a request
		if (request.getAttribute(RESOLVED) instanceof Resolved resolved) {
			return resolved.route();
		}
		Optional<ApiRoute> route = lookUp(request);
		request.setAttribute(RESOLVED, new Resolved(route));
		return route;
	}

	private Optional<ApiRoute> lookUp(HttpServletRequest request) {
		Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		ServletRequestPathUtils.parseAndCache(request);
		try {
			PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
			if (!API.matches(path)) {
				return Optional.empty();
			}
			PathPattern pattern = bestPattern(request);
			if (pattern == null) {
				return Optional.of(ApiRoute.UNKNOWN);
			}
			PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
			Map<String, String> variables = (match != null) ? match.getUriVariables() : Map.of();
			return Optional.of(new ApiRoute(pattern.getPatternString(), variables));
		}
		finally {
			// the DispatcherServlet parses again for itself; leave the request as it was
			if (previous != null) {
				request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
			}
			else {
				request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
			}
		}
	}

	/**
	 * As {@code lookupHandlerMethod} chooses: the best mapping that matches the whole
	 * request, else one of this path and method (MVC answers 415/406/400 for it), else
	 * one of this path (405). Paths are matched first so that conditions on parameters
	 * (which would read a form body) are evaluated only for mappings of this path.
	 */
	private PathPattern bestPattern(HttpServletRequest request) {
		Candidate best = null;
		for (RequestMappingInfo info : this.mapping.get().getHandlerMethods().keySet()) {
			PathPatternsRequestCondition paths = info.getPathPatternsCondition();
			if (paths == null) {
				throw new IllegalStateException("Request mappings must use PathPatternParser: " + info);
			}
			PathPatternsRequestCondition matchingPaths = paths.getMatchingCondition(request);
			if (matchingPaths == null) {
				continue;
			}
			RequestMappingInfo full = info.getMatchingCondition(request);
			int rank = (full != null) ? 2 : (info.getMethodsCondition().getMatchingCondition(request) != null) ? 1 : 0;
			Candidate candidate = new Candidate(rank, full, matchingPaths);
			if (best == null || candidate.compareTo(best, request) < 0) {
				best = candidate;
			}
		}
		return (best != null) ? best.paths().getFirstPattern() : null;
	}

	/** A mapping of the request's path, ranked by how much of the request it matches. */
	private record Candidate(int rank, RequestMappingInfo full, PathPatternsRequestCondition paths) {

		int compareTo(Candidate other, HttpServletRequest request) {
			if (this.rank != other.rank) {
				return other.rank - this.rank;
			}
			return (this.full != null) ? this.full.compareTo(other.full, request)
					: this.paths.compareTo(other.paths, request);
		}

	}

	/** A request's route as resolved once (empty: not an API path). */
	private record Resolved(Optional<ApiRoute> route) {
	}

}
