package io.streamrelay.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The methods the handler mappings (controllers and actuator endpoints) serve at a path,
 * for the Allow header of a 405 that the container answered before MVC could.
 */
final class AllowedMethods {

	private static final Set<RequestMethod> ANY = EnumSet.of(RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST,
			RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

	private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

	AllowedMethods(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	/** The methods in their usual order, none when nothing is mapped at the path. */
	List<String> at(String path) {
		PathContainer container = PathContainer.parsePath(path);
		Set<RequestMethod> methods = EnumSet.noneOf(RequestMethod.class);
		this.mappings.orderedStream().forEach((mapping) -> {
			for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
				PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
				if (patterns != null && patterns.getPatterns().stream().anyMatch((p) -> p.matches(container))) {
					Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
					methods.addAll(declared.isEmpty() ? ANY : declared);
				}
			}
		});
		// TRACE is refused by the connector whatever a mapping says
		methods.remove(RequestMethod.TRACE);
		return methods.stream().map(RequestMethod::name).toList();
	}

}
