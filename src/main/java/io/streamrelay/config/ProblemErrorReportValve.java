package io.streamrelay.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a URL it refuses before any servlet runs) as problem+json
 * instead of an HTML page naming the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

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
				ProblemType type = status >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.MALFORMED;
				// Tomcat's status wins: the catalogue's type names the kind, the status
				// is what
				// Tomcat decided
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("type", type.type().toString());
				body.put("title", type.title());
				body.put("status", status);
				body.put("detail", "The request could not be processed");
				writer.write(new String(Problems.json(body), StandardCharsets.UTF_8));
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed: nothing more to tell it
		}
	}

}
