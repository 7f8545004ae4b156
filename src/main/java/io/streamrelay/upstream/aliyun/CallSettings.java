package io.streamrelay.upstream.aliyun;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import com.aliyuncs.http.ProtocolType;

/**
 * Per-request transport settings; the endpoint is a supplier because the emulator's port
 * is only known once the web server runs.
 */
record CallSettings(Supplier<String> endpoint, ProtocolType protocol, Duration connectTimeout, Duration readTimeout) {

	CallSettings {
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(protocol, "protocol");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
	}

	static CallSettings fixed(String endpoint, ProtocolType protocol, Duration connectTimeout, Duration readTimeout) {
		return new CallSettings(() -> endpoint, protocol, connectTimeout, readTimeout);
	}

}
