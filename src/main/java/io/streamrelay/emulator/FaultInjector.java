package io.streamrelay.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Turns a matched fault rule into what the client experiences instead of, or around, the
 * normal answer.
 */
final class FaultInjector {

	// what a misbehaving proxy in front of the vendor might answer with
	static final String GARBAGE_BODY = "<html><body>upstream proxy: temporarily confused</body></html>";

	static final int DROPPED_CONTENT_LENGTH = 1024;

	private FaultInjector() {
	}

	/**
	 * Applies the fault to one request whose normal answer the operation produces.
	 * @return the answer to send, or null when the response has already been written
	 * (dropped connection)
	 */
	static ResponseEntity<String> inject(FaultRule fault, Supplier<ResponseEntity<String>> operation,
			HttpServletResponse response, FaultPacing pacing) throws IOException {
		delay(fault, pacing);
		if (fault.kind() == FaultRule.Kind.LATENCY) {
			return operation.get();
		}
		if (fault.when() == FaultRule.When.AFTER) {
			executeIgnoringOutcome(operation);
		}
		return switch (fault.kind()) {
			case INTERNAL_ERROR -> throw new ApiError(500, "InternalError",
					"The request processing has failed due to some unknown error.");
			case SERVICE_UNAVAILABLE -> throw new ApiError(503, "ServiceUnavailable",
					"The request has failed due to a temporary failure of the server.");
			// the vendor throttles with HTTP 400, not 429 (docs/aliyun-mpu-api.md §6.5)
			case THROTTLING ->
				throw new ApiError(400, "Throttling.User", "Request was denied due to user flow control.");
			case GARBAGE -> ResponseEntity.ok().contentType(MpuApiController.JSON_UTF8).body(GARBAGE_BODY);
			case DROP_CONNECTION -> dropConnection(response);
			case LATENCY -> throw new IllegalStateException("LATENCY answers normally");
		};
	}

	private static void executeIgnoringOutcome(Supplier<ResponseEntity<String>> operation) {
		try {
			operation.get();
		}
		catch (ApiError ex) {
			// the client never hears the outcome of an AFTER fault, whether the vendor
			// accepted or rejected it
		}
	}

	private static ResponseEntity<String> dropConnection(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MpuApiController.JSON_UTF8.toString());
		// announcing more bytes than are sent and closing afterwards makes the client hit
		// a premature end of body
		response.setContentLength(DROPPED_CONTENT_LENGTH);
		response.setHeader(HttpHeaders.CONNECTION, "close");
		ServletOutputStream out = response.getOutputStream();
		out.write("{\"RequestId\":\"".getBytes(StandardCharsets.UTF_8));
		out.flush();
		return null;
	}

	private static void delay(FaultRule fault, FaultPacing pacing) {
		if (fault.latencyMs() <= 0) {
			return;
		}
		try {
			pacing.delay(fault);
		}
		catch (InterruptedException ex) {
			// shutting down: answer now rather than hold the thread
			Thread.currentThread().interrupt();
		}
	}

}
