package io.streamrelay.relaytask.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.relaytask.vendor.UpstreamFailure;

/** How each kind of vendor failure is answered (the table is in the README, "Errors"). */
record UpstreamProblem(ProblemType type, String detail, Map<String, Object> extensions, long retryAfterSeconds) {

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
			return new UpstreamProblem(ProblemTypes.UPSTREAM_REJECTED, detail, extensions, 0);
		}
		if (failure instanceof UpstreamFailure.Throttled) {
			return new UpstreamProblem(ProblemTypes.UPSTREAM_THROTTLED, detail, extensions, 1);
		}
		if (failure instanceof UpstreamFailure.RateLimited limited) {
			return new UpstreamProblem(ProblemTypes.RATE_LIMITED, detail, extensions,
					Math.max(1, limited.retryAfterSeconds()));
		}
		if (failure instanceof UpstreamFailure.Unreachable) {
			return new UpstreamProblem(ProblemTypes.UPSTREAM_UNREACHABLE, detail, extensions, 5);
		}
		if (failure instanceof UpstreamFailure.TimedOut) {
			return new UpstreamProblem(ProblemTypes.UPSTREAM_TIMEOUT, detail + UNKNOWN, extensions, 0);
		}
		if (failure instanceof UpstreamFailure.BadResponse) {
			return new UpstreamProblem(ProblemTypes.UPSTREAM_BAD_RESPONSE, detail + UNKNOWN, extensions, 0);
		}
		return new UpstreamProblem(ProblemTypes.UPSTREAM_AUTH, detail, extensions, 0);
	}

}
