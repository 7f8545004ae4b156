package io.streamrelay.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.streamrelay.routes.ApiRoute;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Fingerprints of resolved routes. */
class FingerprintsTests {

	static final Fingerprints FINGERPRINTS = new Fingerprints(JsonMapper.builder().build());

	static final ApiRoute TASK = new ApiRoute("/v1/apps/{appId}/relay-tasks/{taskId}",
			Map.of("appId", "demo-app", "taskId", "t1"));

	static final byte[] BODY = "{\"b\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);

	@Test
	void plainSpellingHashesAsTheRawRequestLineDidSoKeysRecordedBeforeStillMatch() {
		assertThat(FINGERPRINTS.of("PATCH", TASK, "x=1", "\"3\"", BODY))
			.isEqualTo(FINGERPRINTS.of("PATCH", "/v1/apps/demo-app/relay-tasks/t1?x=1\nIf-Match: \"3\"", BODY));
		assertThat(FINGERPRINTS.of("DELETE", TASK, null, null, new byte[0]))
			.isEqualTo(FINGERPRINTS.of("DELETE", "/v1/apps/demo-app/relay-tasks/t1", new byte[0]));
	}

	@Test
	void variablesQueryAndPreconditionEachMakeAnotherRequest() {
		String plain = FINGERPRINTS.of("PATCH", TASK, null, null, BODY);
		ApiRoute otherTask = new ApiRoute(TASK.pattern(), Map.of("appId", "demo-app", "taskId", "t2"));

		assertThat(FINGERPRINTS.of("PATCH", otherTask, null, null, BODY)).isNotEqualTo(plain);
		assertThat(FINGERPRINTS.of("PATCH", TASK, "x=1", null, BODY)).isNotEqualTo(plain);
		assertThat(FINGERPRINTS.of("PATCH", TASK, null, "*", BODY)).isNotEqualTo(plain);
		assertThat(FINGERPRINTS.of("PATCH", TASK, null, null, "{\"a\":2,\"b\":1}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(plain);
	}

}
