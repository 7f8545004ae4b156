package io.streamrelay.relaytask.api;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The details of the HTTP-level refusals Spring MVC raises (404, 405, 406, 415, ...):
 * what is accepted instead, never more of the request than its method and path.
 */
final class HttpRefusals {

	private static final int MAX_PATH = 200;

	private HttpRefusals() {
	}

	static String detail(Exception ex, WebRequest request) {
		if (ex instanceof HttpRequestMethodNotSupportedException method) {
			return "Method " + method.getMethod() + " is not allowed on " + path(request) + "; it allows "
					+ methods(method.getSupportedHttpMethods()) + " (see the Allow header)";
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
			return "This resource answers with " + types(notAcceptable.getSupportedMediaTypes())
					+ " (and problems with application/problem+json); the Accept header allows none of them";
		}
		if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
			return "Send the request body with Content-Type " + types(unsupported.getSupportedMediaTypes());
		}
		if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
			return "There is no resource at " + path(request);
		}
		if (ex instanceof ErrorResponse response && response.getBody().getDetail() != null) {
			// Spring's own wording names the parameter or header at fault
			return response.getBody().getDetail();
		}
		return "The request could not be processed";
	}

	private static String methods(Collection<HttpMethod> methods) {
		return (methods == null || methods.isEmpty()) ? "no method"
				: methods.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
	}

	private static String types(List<MediaType> types) {
		String concrete = types.stream()
			.filter(MediaType::isConcrete)
			.map(MediaType::toString)
			.distinct()
			.collect(Collectors.joining(" or "));
		return concrete.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : concrete;
	}

	private static String path(WebRequest request) {
		String uri = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : "";
		return (uri.length() > MAX_PATH) ? uri.substring(0, MAX_PATH) + "..." : uri;
	}

}
