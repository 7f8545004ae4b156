package io.streamrelay.relaytask.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One vendor event (an RtcMPUEventSub callback, or the same delivery read back from
 * ListRtcMPUEventSubRecord), as stored: {@code dstUrl} and {@code body} are already
 * redacted. Times are the vendor's ({@code eventAt}, {@code callbackAt}) and ours
 * ({@code receivedAt}).
 */
public record VendorEvent(String msgId, String appId, String subId, String taskId, int eventType, int eventCode,
		int errorCode, String errorMessage, String dstUrl, Instant eventAt, Instant callbackAt, Instant receivedAt,
		Source source, String body) {

	/** How the event reached this service. */
	public enum Source {

		/** The vendor's HTTP callback. */
		CALLBACK,
		/** Read back from the vendor's delivery records by the reconciler. */
		RECORD

	}

	public VendorEvent {
		Objects.requireNonNull(msgId, "msgId");
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(eventAt, "eventAt");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(source, "source");
	}

	public EventKind kind() {
		return EventKind.of(this.eventType, this.eventCode, this.errorCode);
	}

	/** The vendor's codes as one history error code, e.g. {@code Event1.2}. */
	public String code() {
		String code = "Event" + this.eventType + "." + this.eventCode;
		return this.errorCode == 0 ? code : code + "/Error" + this.errorCode;
	}

}
