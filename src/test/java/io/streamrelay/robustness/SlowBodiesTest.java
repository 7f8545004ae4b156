package io.streamrelay.robustness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.RawHttp;
import io.streamrelay.testing.RawHttp.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends its headers and then its body too slowly (not at all, or a byte at
 * a time) does not hold a worker: the server gives up once the body-read timeout
 * ({@value HostileServer#BODY_READ_TIMEOUT} here) has passed, answers 408 and closes the
 * connection, whether the body was read by the idempotency filter or by MVC.
 */
@HostileServer
class SlowBodiesTest {

	@LocalServerPort
	int port;

	final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stopPacing() {
		this.pacer.shutdownNow();
	}

	static String head(String extraHeader, int contentLength) {
		return "POST /v1/apps/demo-app/relay-tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
				+ TestKeys.BEARER_DEVELOPMENT + "\r\nContent-Type: application/json\r\n" + extraHeader
				+ "Content-Length: " + contentLength + "\r\n\r\n";
	}

	@ParameterizedTest(name = "with an Idempotency-Key: {0}")
	@ValueSource(booleans = { false, true })
	void givesUpOnABodyThatStopsArriving(boolean idempotent) {
		String head = head(idempotent ? "Idempotency-Key: stall-1\r\n" : "", 4000);
		Answer answer = RawHttp.exchange(this.port, (out) -> write(out, head + "{\"channelId\":"));
		assertGaveUp(answer);
	}

	@ParameterizedTest(name = "with an Idempotency-Key: {0}")
	@ValueSource(booleans = { false, true })
	void givesUpOnABodyThatTricklesInAByteAtATime(boolean idempotent) {
		String head = head(idempotent ? "Idempotency-Key: trickle-1\r\n" : "", 4000);
		Answer answer = RawHttp.exchange(this.port, (out) -> {
			write(out, head + "{\"channelId\":");
			// 10 bytes a second: never a pause as long as the timeout, yet 4000 bytes
			// would take 400 s
			this.pacer.scheduleAtFixedRate(() -> write(out, " "), 100, 100, TimeUnit.MILLISECONDS);
		});
		assertGaveUp(answer);
	}

	@Test
	void aBodyThatArrivesInTimeIsRead() {
		String body = "{\"channelId\":\"prompt\",\"mode\":\"single\",\"single\":{\"userId\":\"u\"}}";
		Answer answer = RawHttp.exchange(this.port, (out) -> write(out, head("", body.length()) + body));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
	}

	static void assertGaveUp(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.json().get("type").asString()).isEqualTo("https://streamrelay.io/problems/request-timeout");
		assertThat(answer.json().get("detail").asString()).contains("within 1 second");
		assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
	}

	static void write(OutputStream out, String text) {
		try {
			out.write(text.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException ex) {
			// the server gave up and closed: a pacing task stops here
			throw new IllegalStateException(ex);
		}
	}

}
