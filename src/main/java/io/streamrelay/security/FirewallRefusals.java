package io.streamrelay.security;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.problems.RequestDefects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the HTTP firewall refused (a method it does not know, encoded
 * slashes, dot segments, control characters in a header) with a problem that names the
 * method, the part of the path or the header and the rule, without quoting what was sent.
 */
final class FirewallRefusals implements RequestRejectedHandler {

	/** The methods the firewall lets through (StrictHttpFirewall's default). */
	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		if (!KNOWN_METHODS.contains(request.getMethod())) {
			String method = RequestDefects.token(request.getMethod());
			Problems.write(response, ProblemTypes.http(501),
					"Method " + ((method != null) ? method : "of this request") + " is not implemented by this"
							+ " service; it answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS",
					Map.of(), Map.of());
			return;
		}
		String path = RequestDefects.ofPath(request.getRequestURI());
		if (path != null) {
			Problems.write(response, ProblemTypes.MALFORMED, path);
			return;
		}
		String header = RequestDefects.badHeader(request);
		if (header != null) {
			Problems.write(response, ProblemTypes.MALFORMED, RequestDefects.headerRule(header),
					Map.of("header", header), Map.of());
			return;
		}
		Problems.write(response, ProblemTypes.MALFORMED,
				"The request was refused by the HTTP firewall: a query parameter or the Host header has characters"
						+ " it does not accept");
	}

}
