package io.streamrelay.relaytask.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamrelay.apps.ConfiguredApp;

/**
 * A relay task as callers see it: stream keys and auth tokens in destinations are
 * redacted. {@code outcomeUnknown} is present in the transitional states only: false
 * while a vendor call is in flight, true once that call ended without a known outcome.
 * {@code stopsAt}: when the orphan guard stops the running task (its own
 * maxDurationSeconds, else its app's max-duration, after it became active), absent when
 * it does not run or has no limit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayTaskResponse(String appId, String taskId, String channelId, String mode, String state,
		Boolean outcomeUnknown, String origin, RelaySpecBody spec, List<String> destinations,
		ConfiguredApp.Playback playback, Instant createdAt, Instant updatedAt, Instant stopsAt, long version,
		LastError lastError, Relay relay) {

	/** The last failure seen for the task. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LastError(String code, String message, String upstreamRequestId, Instant at) {
	}

	/**
	 * What the CDN's online-stream list shows of the relayed stream (absent when the
	 * destination is not on the app's ingest domain); {@code online} null until checked
	 * and while the task is not active.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Relay(Boolean online, Instant checkedAt, Instant since) {
	}

}
