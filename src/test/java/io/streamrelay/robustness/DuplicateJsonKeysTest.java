package io.streamrelay.robustness;

import java.util.Map;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON body that names a member twice is refused, so two different bodies can no longer
 * be taken for one request by the idempotency fingerprint (which read both as their last
 * value).
 */
@HostileServer
class DuplicateJsonKeysTest {

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@Test
	void aBodyWithADuplicatedKeyIsRefusedAndDoesNotReplayAsTheBodyItsLastValueGives() {
		TestHttp http = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
		Map<String, String> key = Map.of("Idempotency-Key", "dup-replay-1");
		Map<String, Long> before = this.emulator.callCounts();
		TestHttp.Reply ambiguous = http.send("POST", "/v1/apps/demo-app/relay-tasks",
				"{\"channelId\":\"dup-a\",\"channelId\":\"dup-b\",\"mode\":\"single\",\"single\":{\"userId\":\"u\"}}",
				key);
		assertThat(ambiguous.status()).as(ambiguous.body()).isEqualTo(400);
		assertThat(ambiguous.json().get("type").asString())
			.isEqualTo("https://streamrelay.io/problems/malformed-request");
		assertThat(ambiguous.json().get("errors").get(0).get("field").asString()).isEqualTo("channelId");
		assertThat(ambiguous.json().get("errors").get(0).get("rule").asString()).contains("more than once");
		assertThat(this.emulator.callCounts()).isEqualTo(before);

		TestHttp.Reply plain = http.send("POST", "/v1/apps/demo-app/relay-tasks",
				"{\"channelId\":\"dup-b\",\"mode\":\"single\",\"single\":{\"userId\":\"u\"}}", key);
		assertThat(plain.header("Idempotent-Replayed")).as("replayed as the ambiguous body").isNull();
		assertThat(plain.status()).as(plain.body()).isEqualTo(422);
		assertThat(plain.json().get("type").asString())
			.isEqualTo("https://streamrelay.io/problems/idempotency-key-reused");
	}

}
