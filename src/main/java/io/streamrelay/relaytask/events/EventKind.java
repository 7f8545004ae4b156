package io.streamrelay.relaytask.events;

/**
 * What a vendor event means. The vendor documents only {@code EventType=1, EventCode=1,
 * ErrorCode=0} (docs/aliyun-mpu-api.md §3.2, §8.3), so the numbers below are this
 * service's reading, shared with the emulator: type 1 is the relay's lifecycle (code 1
 * started, code 2 ended); any non-zero ErrorCode is a relay error on the event's
 * destination. Anything else is unknown and only recorded.
 */
public enum EventKind {

	STARTED, ENDED, RELAY_ERROR, UNKNOWN;

	public static final int TYPE_RELAY = 1;

	public static final int CODE_STARTED = 1;

	public static final int CODE_ENDED = 2;

	public static EventKind of(int eventType, int eventCode, int errorCode) {
		if (errorCode != 0) {
			return RELAY_ERROR;
		}
		if (eventType != TYPE_RELAY) {
			return UNKNOWN;
		}
		return switch (eventCode) {
			case CODE_STARTED -> STARTED;
			case CODE_ENDED -> ENDED;
			default -> UNKNOWN;
		};
	}

}
