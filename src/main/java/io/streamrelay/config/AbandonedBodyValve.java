package io.streamrelay.config;

import java.io.IOException;

import io.streamrelay.problems.RequestBodyRefused;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Keeps Tomcat from reading the rest of a body the service gave up on: it would otherwise
 * "swallow" it after the answer, holding the worker for as long as a client trickles
 * bytes. The connection closes after the answer instead.
 */
class AbandonedBodyValve extends ValveBase {

	AbandonedBodyValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (request.getAttribute(RequestBodyRefused.ABANDONED) != null) {
			request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
	}

}
