package io.streamrelay.config;

import java.io.IOException;
import java.io.Writer;

import io.streamrelay.relaytask.api.ProblemResponses;
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
				String slug = status >= 500 ? "internal-error" : "malformed-request";
				writer.write("{\"type\":\"" + ProblemResponses.BASE + slug + "\",\"title\":\""
						+ (status >= 500 ? "Internal error" : "Malformed request") + "\",\"status\":" + status
						+ ",\"detail\":\"The request could not be processed\"}");
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed: nothing more to tell it
		}
	}

}
