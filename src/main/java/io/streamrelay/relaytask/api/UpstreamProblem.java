package io.streamrelay.relaytask.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.relaytask.vendor.UpstreamFailure;

/** How each kind of vendor failure is answered (the table is in the README, "Errors"). */
record UpstreamProblem(ProblemType type, String detail, Map<String, Object> extensions, long retryAfterSeconds) {

	/**
	 * docs/aliyun-mpu-api.md, StreamURL: the same stream URL must not be reused within 10
	 * s after a task stops.
	 */
	static final long STREAM_URL_COOLDOWN_SECONDS = 10;

	private static final String UNKNOWN = "; the outcome is unknown and the task stays recorded for reconciliation";

	static final String CHANNEL_ADVICE = " (nobody has joined the channel yet: start the relay once the first user "
			+ "joined, e.g. from your join callback, or retry with a growing delay, 1 s, 2 s, 4 s, up to a minute)";

	/**
	 * The vendor's "channel does not exist" (docs/aliyun-mpu-api.md §2.9): its code
	 * string is not documented (§8.2), so both a dedicated code and the documented
	 * InvalidParam with a message naming the fact are recognised.
	 */
	static boolean channelAbsent(UpstreamFailure failure) {
		String code = failure.code() == null ? "" : failure.code().toLowerCase(java.util.Locale.ROOT);
		String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(java.util.Locale.ROOT);
		boolean codeSaysSo = code.contains("channel") && (code.contains("notexist") || code.contains("notfound"));
		boolean messageSaysSo = message.contains("channel")
				&& (message.contains("not exist") || message.contains("not found"));
		return codeSaysSo || messageSaysSo;
	}

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
			if (channelAbsent(failure)) {
				extensions.put("reason", "channel-not-joined");
				detail = detail + CHANNEL_ADVICE;
			}
			return new UpstreamProblem(ProblemTypes.UPSTREAM_REJECTED, detail, extensions,
					coolingDown(detail) ? STREAM_URL_COOLDOWN_SECONDS : 0);
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

	/**
	 * The vendor's code for a stream URL still cooling down is not documented (it answers
	 * {@code InvalidParam}); its message, as the emulator words it, says so.
	 */
	private static boolean coolingDown(String detail) {
		String lower = detail.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("cooling down") || lower.contains("cool-down") || lower.contains("cooldown");
	}

}
