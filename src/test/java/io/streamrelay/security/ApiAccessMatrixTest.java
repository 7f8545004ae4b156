package io.streamrelay.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.streamrelay.emulator.EmulatorState;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the API against every kind of caller: no key, a wrong key, a key for
 * another app, a read-only key, the right key. Refused requests never reach the vendor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:access-matrix;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false",
				"streamrelay.security.requests-per-second-per-key=100000",
				"streamrelay.apps.other-app.streaming-domain=play.other.example",
				"streamrelay.security.api-keys[0].name=writer-demo",
				"streamrelay.security.api-keys[0].sha256=" + ApiAccessMatrixTest.WRITER_HASH,
				"streamrelay.security.api-keys[0].apps[0]=demo-app", "streamrelay.security.api-keys[0].role=WRITE",
				"streamrelay.security.api-keys[1].name=reader-demo",
				"streamrelay.security.api-keys[1].sha256=" + ApiAccessMatrixTest.READER_HASH,
				"streamrelay.security.api-keys[1].apps[0]=demo-app", "streamrelay.security.api-keys[1].role=READ",
				"streamrelay.security.api-keys[2].name=writer-other",
				"streamrelay.security.api-keys[2].sha256=" + ApiAccessMatrixTest.OTHER_HASH,
				"streamrelay.security.api-keys[2].apps[0]=other-app", "streamrelay.security.api-keys[2].role=WRITE" })
class ApiAccessMatrixTest {

	static final String WRITER = "sr-writer-demo-1111111111111111";

	static final String READER = "sr-reader-demo-2222222222222222";

	static final String OTHER = "sr-writer-other-333333333333333";

	static final String WRITER_HASH = "d3afc46d57d3b0c3b8e8629dc0ec3482a94159aaf645500b17a6f7f729031f47";

	static final String READER_HASH = "ecdf3963f57177ea83d10f72bf767012c143ee8dd5d0bc6a47cc2711d37eae0c";

	static final String OTHER_HASH = "00f88e687e498ac699fac271390922292733a77e69f3468200b3bb34b2cf8354";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	enum Caller {

		NONE(null), WRONG("Bearer sr-not-a-configured-key-000000"), OTHER_APP("Bearer " + OTHER),
		READ_ONLY("Bearer " + READER), RIGHT("Bearer " + WRITER);

		final String authorization;

		Caller(String authorization) {
			this.authorization = authorization;
		}

	}

	enum Route {

		START("POST", "/v1/apps/demo-app/relay-tasks", true, false),
		ADOPT("POST", "/v1/apps/demo-app/relay-tasks/adoptions", true, false),
		LIST("GET", "/v1/apps/demo-app/relay-tasks", false, false),
		GET("GET", "/v1/apps/demo-app/relay-tasks/{id}", false, true),
		PATCH("PATCH", "/v1/apps/demo-app/relay-tasks/{id}", true, true),
		STOP("DELETE", "/v1/apps/demo-app/relay-tasks/{id}", true, true),
		EVENTS("GET", "/v1/apps/demo-app/relay-tasks/{id}/events", false, true),
		MPU_TASK_ID("GET", "/v1/apps/demo-app/mpu-task-ids?channelId=c1&userId=u1", false, false);

		final String method;

		final String path;

		final boolean writes;

		final boolean taskRoute;

		Route(String method, String path, boolean writes, boolean taskRoute) {
			this.method = method;
			this.path = path;
			this.writes = writes;
			this.taskRoute = taskRoute;
		}

	}

	@Test
	void theConfiguredHashesAreTheSha256OfTheKeys() {
		assertThat(DigestUtils.sha256Hex(WRITER)).isEqualTo(WRITER_HASH);
		assertThat(DigestUtils.sha256Hex(READER)).isEqualTo(READER_HASH);
		assertThat(DigestUtils.sha256Hex(OTHER)).isEqualTo(OTHER_HASH);
	}

	static Stream<Arguments> matrix() {
		List<Arguments> cases = new ArrayList<>();
		for (Route route : Route.values()) {
			for (Caller caller : Caller.values()) {
				cases.add(Arguments.of(route, caller));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} by {1}")
	@MethodSource("matrix")
	void everyRouteAnswersEveryCallerAsSpecifiedAndRefusalsNeverReachTheVendor(Route route, Caller caller)
			throws Exception {
		String taskId = route.taskRoute ? startTask() : null;
		Map<String, Long> before = this.emulator.callCounts();
		Reply reply = send(caller.authorization, route.method, route.path.replace("{id}", String.valueOf(taskId)),
				body(route));
		Expected expected = expected(route, caller);
		assertThat(reply.status()).as(reply.body()).isEqualTo(expected.status());
		if (expected.type() != null) {
			assertThat(reply.contentType()).startsWith("application/problem+json");
			assertThat(JSON.readTree(reply.body()).get("type").asString())
				.isEqualTo("https://streamrelay.io/problems/" + expected.type());
			assertThat(this.emulator.callCounts()).as("no vendor call for a refused request").isEqualTo(before);
			return;
		}
		if (route == Route.START || route == Route.PATCH || route == Route.STOP) {
			// the positive control: the same routes, allowed, do reach the vendor
			assertThat(this.emulator.callCounts()).as("an allowed write calls the vendor").isNotEqualTo(before);
		}
		JsonNode body = JSON.readTree(reply.body());
		switch (route) {
			case GET, PATCH, STOP -> assertThat(body.get("taskId").asString()).isEqualTo(taskId);
			case LIST -> assertThat(body.get("items"))
				.allSatisfy((t) -> assertThat(t.get("appId").asString()).isEqualTo("demo-app"));
			case EVENTS -> assertThat(body.get("items").get(0).get("action").asString()).isEqualTo("start");
			case MPU_TASK_ID -> assertThat(body.get("mpuTaskId").asString()).startsWith("AL-");
			default -> assertThat(body.get("appId").asString()).isEqualTo("demo-app");
		}
	}

	record Expected(int status, String type) {
	}

	static Expected expected(Route route, Caller caller) {
		return switch (caller) {
			case NONE, WRONG -> new Expected(401, "unauthenticated");
			case OTHER_APP -> route == Route.MPU_TASK_ID ? new Expected(403, "forbidden")
					: new Expected(404, route.taskRoute ? "task-not-found" : "unknown-app");
			case READ_ONLY -> route.writes ? new Expected(403, "forbidden") : new Expected(200, null);
			case RIGHT -> new Expected(route == Route.START || route == Route.ADOPT ? 201 : 200, null);
		};
	}

	String body(Route route) {
		int n = SEQUENCE.incrementAndGet();
		return switch (route) {
			case START -> "{\"channelId\":\"m" + n + "\",\"mode\":\"single\",\"single\":{\"userId\":\"u" + n + "\"}}";
			case ADOPT -> "{\"channelId\":\"a" + n + "\",\"mode\":\"single\",\"single\":{\"userId\":\"u" + n + "\"}}";
			case PATCH -> "{\"single\":{\"streamType\":\"audio\"}}";
			default -> null;
		};
	}

	String startTask() throws Exception {
		String taskId = "acl-" + SEQUENCE.incrementAndGet();
		Reply reply = send("Bearer " + WRITER, "POST", "/v1/apps/demo-app/relay-tasks", "{\"taskId\":\"" + taskId
				+ "\",\"channelId\":\"acl\",\"mode\":\"single\",\"single\":{\"userId\":\"" + taskId + "\"}}");
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return taskId;
	}

	@Test
	void anotherAppsTaskLooksExactlyLikeATaskThatDoesNotExist() throws Exception {
		String existing = startTask();
		JsonNode hidden = JSON
			.readTree(send("Bearer " + OTHER, "GET", "/v1/apps/demo-app/relay-tasks/" + existing, null).body());
		JsonNode missing = JSON
			.readTree(send("Bearer " + WRITER, "GET", "/v1/apps/demo-app/relay-tasks/" + existing + "x", null).body());
		assertThat(hidden.get("type")).isEqualTo(missing.get("type"));
		assertThat(hidden.get("title")).isEqualTo(missing.get("title"));
		assertThat(hidden.get("status")).isEqualTo(missing.get("status"));
		assertThat(hidden.get("detail").asString().replace(existing, "ID"))
			.isEqualTo(missing.get("detail").asString().replace(existing + "x", "ID"));
	}

	@Test
	void refusesKeysInTheQueryStringAndOtherSchemes() throws Exception {
		Map<String, Long> before = this.emulator.callCounts();
		for (String query : List.of("?api_key=" + WRITER, "?access_token=" + WRITER, "?key=" + WRITER)) {
			Reply reply = send(null, "POST", "/v1/apps/demo-app/relay-tasks" + query,
					"{\"channelId\":\"q\",\"mode\":\"single\",\"single\":{\"userId\":\"q\"}}");
			assertThat(reply.status()).isEqualTo(401);
			assertThat(reply.body()).doesNotContain(WRITER);
		}
		assertThat(send("Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + WRITER).getBytes()), "GET",
				"/v1/apps/demo-app/relay-tasks", null)
			.status()).isEqualTo(401);
		assertThat(send("Bearer", "GET", "/v1/apps/demo-app/relay-tasks", null).status()).isEqualTo(401);
		assertThat(send(null, "GET", "/v1/apps/demo-app/relay-tasks", null).wwwAuthenticate()).startsWith("Bearer");
		assertThat(this.emulator.callCounts()).isEqualTo(before);
	}

	@Test
	void exposesOnlyHealthInfoAndMetricsWithDetailsForAdminsOnly() throws Exception {
		Reply anonymousHealth = send(null, "GET", "/actuator/health", null);
		assertThat(anonymousHealth.status()).isEqualTo(200);
		assertThat(JSON.readTree(anonymousHealth.body()).has("components")).isFalse();
		assertThat(send(null, "GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
		assertThat(send(null, "GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
		Reply readerHealth = send("Bearer " + READER, "GET", "/actuator/health", null);
		assertThat(readerHealth.status()).isEqualTo(200);
		assertThat(JSON.readTree(readerHealth.body()).get("status").asString()).isEqualTo("UP");
		assertThat(JSON.readTree(readerHealth.body()).has("components")).isFalse();
		Reply adminHealth = send(TestKeys.BEARER_DEVELOPMENT, "GET", "/actuator/health", null);
		assertThat(JSON.readTree(adminHealth.body()).get("components").has("db")).isTrue();
		assertThat(send(null, "GET", "/actuator/metrics", null).status()).isEqualTo(401);
		assertThat(send("Bearer " + WRITER, "GET", "/actuator/metrics", null).status()).isEqualTo(403);
		assertThat(send(TestKeys.BEARER_DEVELOPMENT, "GET", "/actuator/metrics", null).status()).isEqualTo(200);
		assertThat(send("Bearer " + READER, "GET", "/actuator/info", null).status()).isEqualTo(200);
		assertThat(send(null, "GET", "/actuator/info", null).status()).isEqualTo(401);
		for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/loggers", "/actuator/threaddump", "/actuator/mappings")) {
			assertThat(send(TestKeys.BEARER_DEVELOPMENT, "GET", hidden, null).status()).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void capsRequestBodies() throws Exception {
		String huge = "{\"channelId\":\"c\",\"mode\":\"single\",\"single\":{\"userId\":\"u\"},\"region\":\""
				+ "x".repeat(70_000) + "\"}";
		Reply reply = send("Bearer " + WRITER, "POST", "/v1/apps/demo-app/relay-tasks", huge);
		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.contentType()).startsWith("application/problem+json");
	}

	Reply send(String authorization, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (body != null) {
			request.header("Content-Type",
					"PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("WWW-Authenticate").orElse(""), response.body());
	}

	record Reply(int status, String contentType, String wwwAuthenticate, String body) {
	}

}
