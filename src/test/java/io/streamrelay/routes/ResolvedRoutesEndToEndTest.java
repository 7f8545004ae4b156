package io.streamrelay.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.RawRequests;
import io.streamrelay.testing.RawRequests.Reply;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a real socket, with paths sent byte for byte: every spelling of a route
 * ({@code demo%2Dapp}, {@code %64emo-app}, an encoded task id) gets the answer of its
 * plain spelling, from the app-scope check as from idempotency; unknown API paths are
 * 404.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:resolved-routes;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false",
				"streamrelay.security.requests-per-second-per-key=100000",
				"streamrelay.apps.other-app.streaming-domain=play.other.example",
				"streamrelay.security.api-keys[0].name=routes-writer-demo",
				"streamrelay.security.api-keys[0].sha256=" + ResolvedRoutesEndToEndTest.WRITER_HASH,
				"streamrelay.security.api-keys[0].apps[0]=demo-app", "streamrelay.security.api-keys[0].role=WRITE",
				"streamrelay.security.api-keys[1].name=routes-reader-demo",
				"streamrelay.security.api-keys[1].sha256=" + ResolvedRoutesEndToEndTest.READER_HASH,
				"streamrelay.security.api-keys[1].apps[0]=demo-app", "streamrelay.security.api-keys[1].role=READ",
				"streamrelay.security.api-keys[2].name=routes-writer-other",
				"streamrelay.security.api-keys[2].sha256=" + ResolvedRoutesEndToEndTest.OTHER_HASH,
				"streamrelay.security.api-keys[2].apps[0]=other-app", "streamrelay.security.api-keys[2].role=WRITE" })
class ResolvedRoutesEndToEndTest {

	static final String WRITER = "sr-routes-writer-demo-44444444444";

	static final String READER = "sr-routes-reader-demo-55555555555";

	static final String OTHER = "sr-routes-writer-other-6666666666";

	static final String WRITER_HASH = "c50a816cfa0c233386d71e69500055708ca51590826b073995111d311691bfdb";

	static final String READER_HASH = "092272ce379bd09ec848138f1518e9fdc3b55c6609c4c7a9e365fe121c35466a";

	static final String OTHER_HASH = "69dbd62029952348a3df24a8ff0aec754f3d5d6ea56c330a370e2126f36cee81";

	static final String PATCH = "{\"single\":{\"streamType\":\"audio\"}}";

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@Test
	void theConfiguredHashesAreTheSha256OfTheKeys() {
		assertThat(DigestUtils.sha256Hex(WRITER)).isEqualTo(WRITER_HASH);
		assertThat(DigestUtils.sha256Hex(READER)).isEqualTo(READER_HASH);
		assertThat(DigestUtils.sha256Hex(OTHER)).isEqualTo(OTHER_HASH);
	}

	@Test
	void patchRetriedUnderAnotherSpellingOfItsPathIsReplayedAndTheVendorSeesOneUpdate() {
		String taskId = startTask();
		long updatesBefore = this.emulator.callCount("UpdateLiveMPUTask");
		Map<String, String> key = Map.of("Idempotency-Key", "spelling-" + taskId);

		Reply first = send(TestKeys.BEARER_DEVELOPMENT, "PATCH", "/v1/apps/demo-app/relay-tasks/" + taskId, key, PATCH);
		Reply encodedApp = send(TestKeys.BEARER_DEVELOPMENT, "PATCH", "/v1/apps/demo%2Dapp/relay-tasks/" + taskId, key,
				PATCH);
		Reply encodedAll = send(TestKeys.BEARER_DEVELOPMENT, "PATCH",
				"/v1/apps/%64emo%2dapp/relay%2Dtasks/" + encodeFirst(taskId), key, PATCH);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		for (Reply retry : List.of(encodedApp, encodedAll)) {
			assertThat(retry.status()).as(retry.body()).isEqualTo(200);
			assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(retry.body()).isEqualTo(first.body());
			assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
		}
		assertThat(this.emulator.callCount("UpdateLiveMPUTask") - updatesBefore).isEqualTo(1);
	}

	@Test
	void sameKeyWithAnotherBodyUnderAnotherSpellingIsRefusedNotRun() {
		String taskId = startTask();
		Map<String, String> key = Map.of("Idempotency-Key", "other-body-" + taskId);
		send(WRITER, "PATCH", "/v1/apps/demo-app/relay-tasks/" + taskId, key, PATCH);
		long updatesBefore = this.emulator.callCount("UpdateLiveMPUTask");

		Reply other = send(WRITER, "PATCH", "/v1/apps/demo%2Dapp/relay-tasks/" + taskId, key,
				"{\"single\":{\"streamType\":\"video\"}}");

		assertThat(other.status()).as(other.body()).isEqualTo(422);
		assertThat(other.problemType()).isEqualTo("idempotency-key-reused");
		assertThat(this.emulator.callCount("UpdateLiveMPUTask")).isEqualTo(updatesBefore);
	}

	@ParameterizedTest
	@ValueSource(strings = { "demo-app", "demo%2Dapp", "%64emo-app", "demo%2dap%70" })
	void keyScopedToTheAppGetsThePlainAnswerInEverySpelling(String app) {
		String taskId = startTask();
		String path = "/v1/apps/" + app + "/relay-tasks/" + taskId;

		Reply read = send(WRITER, "GET", path, Map.of(), null);
		Reply readOnlyWrite = send(READER, "PATCH", path, Map.of(), PATCH);
		long updatesBefore = this.emulator.callCount("UpdateLiveMPUTask");
		Reply write = send(WRITER, "PATCH", path, Map.of(), PATCH);

		assertThat(read.status()).as(read.body()).isEqualTo(200);
		assertThat(read.json().get("taskId").asString()).isEqualTo(taskId);
		assertThat(read.json().get("appId").asString()).isEqualTo("demo-app");
		assertThat(readOnlyWrite.status()).isEqualTo(403);
		assertThat(readOnlyWrite.problemType()).isEqualTo("forbidden");
		assertThat(write.status()).as(write.body()).isEqualTo(200);
		assertThat(this.emulator.callCount("UpdateLiveMPUTask") - updatesBefore).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/apps/demo-app/relay-tasks/", "/v1/apps/demo%2Dapp/relay-tasks/",
			"/v1/apps/demo-app/relay%2Dtasks/", "/%761/apps/demo-app/relay-tasks/" })
	void anotherAppsKeyIsRefusedInEverySpellingAsIfTheTaskDidNotExist(String prefix) {
		String taskId = startTask();
		Map<String, Long> before = this.emulator.callCounts();

		Reply read = send(OTHER, "GET", prefix + taskId, Map.of(), null);
		Reply write = send(OTHER, "PATCH", prefix + taskId, Map.of("Idempotency-Key", "foreign-" + taskId), PATCH);
		Reply stop = send(OTHER, "DELETE", prefix + taskId, Map.of(), null);

		for (Reply refused : List.of(read, write, stop)) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(404);
			assertThat(refused.problemType()).isEqualTo("task-not-found");
			assertThat(refused.json().get("detail").asString()).contains("'demo-app'");
		}
		assertThat(this.emulator.callCounts()).isEqualTo(before);
		assertThat(send(WRITER, "GET", "/v1/apps/demo-app/relay-tasks/" + taskId, Map.of(), null).json()
			.get("state")
			.asString()).isEqualTo("active");
	}

	@Test
	void validKeyOnAnUnknownApiPathGets404WhateverItsScopeOrRole() {
		Map<String, Long> before = this.emulator.callCounts();
		List<Reply> replies = List.of(send(WRITER, "GET", "/v1/apps/demo-app/nothing-here", Map.of(), null),
				send(OTHER, "GET", "/v1/apps/demo-app/nothing-here", Map.of(), null),
				send(READER, "POST", "/v1/apps/demo-app/nothing-here", Map.of(), "{}"),
				send(WRITER, "POST", "/v1/apps/demo-app/relay-tasks/x/y", Map.of("Idempotency-Key", "k"), "{}"),
				send(WRITER, "GET", "/v1/nothing-here", Map.of(), null),
				send(TestKeys.BEARER_DEVELOPMENT, "GET", "/v1/apps/demo-app/nothing-here", Map.of(), null));

		for (Reply reply : replies) {
			assertThat(reply.status()).as(reply.body()).isEqualTo(404);
			assertThat(reply.problemType()).isEqualTo("not-found");
		}
		assertThat(send(null, "GET", "/v1/nothing-here", Map.of(), null).status()).isEqualTo(401);
		assertThat(this.emulator.callCounts()).isEqualTo(before);
	}

	@Test
	void validKeyOutsideV1OnAnUnknownPathGets404AndNoKeyGets401() {
		for (String path : List.of("/nothing-here", "/actuatorx", "/v2/apps/demo-app/relay-tasks", "/emulatorx/a")) {
			for (String key : List.of(READER, WRITER, OTHER, TestKeys.BEARER_DEVELOPMENT)) {
				Reply reply = send(key, "GET", path, Map.of(), null);
				assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(404);
				assertThat(reply.problemType()).isEqualTo("not-found");
			}
			Reply anonymous = send(null, "GET", path, Map.of(), null);
			assertThat(anonymous.status()).as(path).isEqualTo(401);
			assertThat(anonymous.problemType()).isEqualTo("unauthenticated");
		}
		// known routes keep their role checks
		assertThat(send(WRITER, "GET", "/actuator/metrics", Map.of(), null).status()).isEqualTo(403);
	}

	private String startTask() {
		String taskId = "rr-" + SEQUENCE.incrementAndGet();
		Reply reply = send(WRITER, "POST", "/v1/apps/demo-app/relay-tasks", Map.of(), "{\"taskId\":\"" + taskId
				+ "\",\"channelId\":\"rr\",\"mode\":\"single\",\"single\":{\"userId\":\"" + taskId + "\"}}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return taskId;
	}

	/** The task id with its first character percent-encoded, e.g. {@code %72r-1}. */
	private static String encodeFirst(String taskId) {
		return String.format("%%%02X", (int) taskId.charAt(0)) + taskId.substring(1);
	}

	private Reply send(String authorization, String method, String target, Map<String, String> headers, String body) {
		Map<String, String> all = new java.util.LinkedHashMap<>(headers);
		if (authorization != null) {
			all.put("Authorization", authorization.startsWith("Bearer ") ? authorization : "Bearer " + authorization);
		}
		return new RawRequests(this.port).send(method, target, all, body);
	}

}
