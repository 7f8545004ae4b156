package io.streamrelay.idempotency;

import java.util.Objects;

/**
 * What one Idempotency-Key value is unique within: the RTC application (as resolved from
 * the path, decoded) and the caller.
 */
record IdempotencyScope(String appId, String caller, String key) {

	IdempotencyScope {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(caller, "caller");
		Objects.requireNonNull(key, "key");
	}

}
