package io.streamrelay.relaytask.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.streamrelay.relaytask.UpstreamFailure;

import org.springframework.http.HttpStatus;

/** How each kind of vendor failure is answered (the table is in the README, "Errors"). */
record UpstreamProblem(HttpStatus status, URI type, String title, String detail, Map<String, Object> extensions,
		long retryAfterSeconds) {

	private static final String UNKNOWN = "; the outcome is unknown and the task stays recorded for reconciliation";

	static UpstreamProblem of(UpstreamFailure failure) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (failure.code() != null) {
			extensions.put("upstreamCode", failure.code());
		}
		if (failure.requestId() != null) {
			extensions.put("upstreamRequestId", failure.requestId());
		}
		String detail = failure.getMessage() == null ? "The vendor did not accept the call" : failure.getMessage();
		if (failure instanceof UpstreamFailure.Rejected) {
			return new UpstreamProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.UPSTREAM_REJECTED,
					"The vendor rejected the request", detail, extensions, 0);
		}
		if (failure instanceof UpstreamFailure.Throttled) {
			return new UpstreamProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_THROTTLED,
					"The vendor is throttling requests", detail, extensions, 1);
		}
		if (failure instanceof UpstreamFailure.RateLimited limited) {
			return new UpstreamProblem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED,
					"Too many vendor calls right now", detail, extensions, Math.max(1, limited.retryAfterSeconds()));
		}
		if (failure instanceof UpstreamFailure.Unreachable) {
			return new UpstreamProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UPSTREAM_UNREACHABLE,
					"The vendor cannot be reached", detail, extensions, 5);
		}
		if (failure instanceof UpstreamFailure.TimedOut) {
			return new UpstreamProblem(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.UPSTREAM_TIMEOUT,
					"The vendor did not answer in time", detail + UNKNOWN, extensions, 0);
		}
		if (failure instanceof UpstreamFailure.BadResponse) {
			return new UpstreamProblem(HttpStatus.BAD_GATEWAY, ProblemTypes.UPSTREAM_BAD_RESPONSE,
					"The vendor failed or answered garbage", detail + UNKNOWN, extensions, 0);
		}
		return new UpstreamProblem(HttpStatus.BAD_GATEWAY, ProblemTypes.UPSTREAM_AUTH,
				"The vendor refused this service's credentials", detail, extensions, 0);
	}

}
