package io.streamrelay.relaytask.task;

import java.time.Instant;

import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * The last failure seen for a task: vendor code (or our own), a safe message, the vendor
 * RequestId.
 */
public record TaskError(String code, String message, String upstreamRequestId, Instant at) {

	public static TaskError from(UpstreamFailure failure, Instant at) {
		return new TaskError(failure.code(), failure.getMessage(), failure.requestId(), at);
	}

}
