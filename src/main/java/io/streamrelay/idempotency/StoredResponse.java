package io.streamrelay.idempotency;

import java.util.Map;
import java.util.Objects;

/** The recorded answer to a request: status, the replayed headers and the body text. */
record StoredResponse(int status, Map<String, String> headers, String body) {

	StoredResponse {
		headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
		body = (body != null) ? body : "";
	}

}
