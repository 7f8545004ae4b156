package io.streamrelay.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.streamrelay.problems.DatabaseUnavailable;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.problems.RequestBodyRefused;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the container's error dispatches (a status or exception raised outside MVC: a
 * TRACE, a malformed chunked body, a body read that timed out, an exception escaping a
 * filter) as problems instead of Boot's JSON or Whitelabel page; asked for directly,
 * {@code /error} is a path like any other that does not exist.
 */
@Controller
class ProblemErrorController implements ErrorController {

	private final AllowedMethods allowed;

	ProblemErrorController(AllowedMethods allowed) {
		this.allowed = allowed;
	}

	@RequestMapping("${server.error.path:/error}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (request.getDispatcherType() != DispatcherType.ERROR || !(status instanceof Integer code)) {
			notFound(response, request.getRequestURI());
			return;
		}
		String path = ErrorDetails.path(request);
		Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		RequestBodyRefused refused = (request
			.getAttribute(RequestBodyRefused.ATTRIBUTE) instanceof RequestBodyRefused r) ? r
					: RequestBodyRefused.in(exception);
		if (refused != null) {
			Problems.write(response, refused.type(), refused.detail(), Map.of(), Map.of("Connection", "close"));
		}
		else if (code == 405) {
			methodNotAllowed(request, response, path);
		}
		else if (code == 404) {
			notFound(response, path);
		}
		else if (code == 400) {
			Problems.write(response, ProblemTypes.MALFORMED, ErrorDetails.badRequest(request, exception));
		}
		else if (code >= 500 && DatabaseUnavailable.in(exception)) {
			DatabaseUnavailable.write(response);
		}
		else if (code >= 500) {
			Problems.write(response, (code == 500) ? ProblemTypes.INTERNAL : ProblemTypes.http(code),
					"The request failed unexpectedly; it has been logged");
		}
		else {
			Problems.write(response, ProblemTypes.http(code), ErrorDetails.other(code));
		}
	}

	private void methodNotAllowed(HttpServletRequest request, HttpServletResponse response, String path)
			throws IOException {
		List<String> methods = this.allowed.at(path);
		if (methods.isEmpty()) {
			notFound(response, path);
			return;
		}
		String allow = String.join(", ", methods);
		Problems.write(response, ProblemTypes.http(405), "Method " + ErrorDetails.method(request)
				+ " is not allowed on " + path + "; it allows " + allow + " (see the Allow header)", Map.of(),
				Map.of("Allow", allow));
	}

	private static void notFound(HttpServletResponse response, String path) throws IOException {
		Problems.write(response, ProblemTypes.http(404), "There is no resource at " + ErrorDetails.clip(path));
	}

}
