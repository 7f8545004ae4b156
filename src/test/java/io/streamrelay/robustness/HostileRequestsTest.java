package io.streamrelay.robustness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.RawHttp;
import io.streamrelay.testing.RawHttp.Answer;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-request corpus ({@code src/test/resources/hostile-requests.txt}) over a
 * real socket: every line gets exactly the answer it names, as a problem with a detail,
 * without an ERROR log line and without leaking a key; the next edge found is one line to
 * add.
 */
@HostileServer
class HostileRequestsTest {

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	static String task;

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@AfterAll
	static void stopWatching() {
		ErrorLog.stop();
	}

	static List<HostileRequest> corpus() {
		return HostileRequest.load();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void everyHostileRequestGetsItsProblem(HostileRequest hostile) {
		Map<String, String> macros = Map.of("DEV", TestKeys.DEVELOPMENT, "READER", HostileServer.READER, "OTHER",
				HostileServer.OTHER, "TASK", existingTask(), "N", Integer.toString(SEQUENCE.incrementAndGet()));
		Map<String, Long> vendorCalls = this.emulator.callCounts();
		ErrorLog.restart();
		Answer answer = RawHttp.exchange(this.port, hostile.bytes(macros));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(hostile.status());
		assertThat(answer.isProblem()).as("problem+json: %s", answer).isTrue();
		JsonNode problem = answer.json();
		assertThat(problem.get("type").asString()).isEqualTo("https://streamrelay.io/problems/" + hostile.type());
		assertThat(problem.get("status").asInt()).isEqualTo(hostile.status());
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		for (String required : hostile.requiredHeaders()) {
			assertHeader(answer, required);
		}
		for (String check : hostile.checks()) {
			if (check.equals("no-vendor-call")) {
				assertThat(this.emulator.callCounts()).as("no vendor call").isEqualTo(vendorCalls);
			}
			else if (check.startsWith("detail~")) {
				assertThat(problem.get("detail").asString()).contains(check.substring(7));
			}
			else {
				throw new IllegalArgumentException("unknown check " + check);
			}
		}
		String everything = answer.headers().stream().map((h) -> h[0] + ": " + h[1]).toList() + answer.bodyText();
		assertThat(everything).doesNotContain(TestKeys.DEVELOPMENT, HostileServer.READER, HostileServer.OTHER);
		assertThat(ErrorLog.errors()).as("ERROR log lines").isEmpty();
	}

	@Test
	void theLogWatchSeesAnErrorLineOfAnyLogger() {
		ErrorLog.restart();
		LoggerFactory.getLogger("org.apache.catalina.core.StandardWrapperValve").error("like Tomcat's");
		assertThat(ErrorLog.errors()).containsExactly("org.apache.catalina.core.StandardWrapperValve: like Tomcat's");
		ErrorLog.restart();
	}

	static void assertHeader(Answer answer, String required) {
		int equals = required.indexOf('=');
		int tilde = required.indexOf('~');
		int at = (equals < 0) ? tilde : (tilde < 0 ? equals : Math.min(equals, tilde));
		String name = (at < 0) ? required : required.substring(0, at);
		List<String> values = answer.headerValues(name);
		assertThat(values).as("header %s", name).isNotEmpty();
		if (at == equals && at >= 0) {
			assertThat(values).as("header %s", name).anyMatch((v) -> v.equalsIgnoreCase(required.substring(at + 1)));
		}
		else if (at >= 0) {
			assertThat(String.join(", ", values)).as("header %s", name).contains(required.substring(at + 1));
		}
	}

	/** A task of demo-app, started once, for the lines that aim at an existing task. */
	synchronized String existingTask() {
		if (task == null) {
			TestHttp.Reply reply = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT).send("POST",
					"/v1/apps/demo-app/relay-tasks",
					"{\"taskId\":\"corpus-task\",\"channelId\":\"corpus\",\"mode\":\"single\",\"single\":{\"userId\":\"u\"}}");
			assertThat(reply.status()).as(reply.body()).isEqualTo(201);
			task = "corpus-task";
		}
		return task;
	}

}
