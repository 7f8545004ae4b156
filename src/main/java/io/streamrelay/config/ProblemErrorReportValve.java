package io.streamrelay.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.problems.RequestDefects;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a request it refuses before any servlet runs: a malformed
 * request line or header, an invalid URI, CONNECT) as problem+json naming what was wrong,
 * instead of an HTML page naming the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	/** Tomcat quotes the whole header line; only the name is repeated. */
	private static final Pattern HEADER_LINE = Pattern.compile("header line \\[([^:\\]]{1,64}):");

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				ProblemType type = (status == 400) ? ProblemTypes.MALFORMED
						: (status == 500) ? ProblemTypes.INTERNAL : ProblemTypes.http(status);
				byte[] body = Problems.body(type, detail(status, request, response, throwable), Map.of());
				writer.write(new String(body, StandardCharsets.UTF_8));
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed: nothing more to tell it
		}
	}

	static String detail(int status, Request request, Response response, Throwable throwable) {
		if (status == 501) {
			String method = RequestDefects.token(request.getMethod());
			return "Method " + ((method != null) ? method : "of this request") + " is not implemented by this service";
		}
		if (status != 400) {
			return (status >= 500) ? "The request failed unexpectedly"
					: "The request was refused (HTTP " + status + ")";
		}
		String message = (throwable != null) ? String.valueOf(throwable.getMessage()) : "";
		Matcher header = HEADER_LINE.matcher(message);
		if (header.find() && RequestDefects.token(header.group(1)) != null) {
			return RequestDefects.headerRule(header.group(1));
		}
		if (message.contains("header is too large")) {
			return "The request line and headers are larger than this server accepts (8 KB by default);"
					+ " send fewer or shorter headers";
		}
		if (message.startsWith("Invalid character found")) {
			return "The request line is malformed: send a method, a percent-encoded path and HTTP/1.1,"
					+ " separated by single spaces";
		}
		String path = RequestDefects.ofPath(request.getRequestURI());
		if (path != null) {
			return path;
		}
		if (response.getMessage() != null && response.getMessage().startsWith("Invalid URI")) {
			return "The request target is not a valid path";
		}
		return "The request line or a header could not be parsed (an invalid Content-Length or Transfer-Encoding,"
				+ " for one); nothing was processed";
	}

}
