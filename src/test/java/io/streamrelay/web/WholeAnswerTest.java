package io.streamrelay.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer leaves with its {@code Content-Length}, not chunked: it is on the wire
 * whole before the request leaves the servlet, so a graceful shutdown that counts the
 * request as done cannot cut it ({@link WholeAnswerFilter}). Successes, problems written
 * by the handler, problems for blank errors and the actuator alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "streamrelay.reconciler.enabled=false", "streamrelay.emulator.stream-url-cooldown=0s" })
class WholeAnswerTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	@LocalServerPort
	int port;

	@Test
	void everyKindOfAnswerCarriesItsLengthAndIsNotChunked() {
		TestHttp http = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
		// the default H2 file outlives a run: a task of its own each time
		String task = "whole-" + UUID.randomUUID().toString().substring(0, 8);
		String start = "{\"taskId\":\"%s\",\"channelId\":\"%s\",\"mode\":\"single\",\"single\":{\"userId\":\"ann\"}}"
			.formatted(task, task);

		assertWhole(http.send("POST", TASKS, start), 201);
		assertWhole(http.send("GET", TASKS + "/" + task, null), 200);
		assertWhole(http.send("GET", TASKS, null), 200);
		assertWhole(http.send("POST", TASKS, "{\"taskId\":\"whole-2\"}"), 400);
		assertWhole(http.send("GET", TASKS + "/no-such-task", null), 404);
		assertWhole(new TestHttp(this.port, "Bearer wrong").send("GET", TASKS, null), 401);
		assertWhole(http.send("GET", "/actuator/health/liveness", null), 200);
		assertWhole(http.send("DELETE", TASKS + "/" + task, null), 200);
	}

	private static void assertWhole(TestHttp.Reply reply, int status) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.header("Transfer-Encoding")).as("Transfer-Encoding of the %d answer", status).isNull();
		assertThat(reply.header("Content-Length")).as("Content-Length of the %d answer", status)
			.isEqualTo(Integer.toString(reply.body().getBytes(StandardCharsets.UTF_8).length));
	}

}
