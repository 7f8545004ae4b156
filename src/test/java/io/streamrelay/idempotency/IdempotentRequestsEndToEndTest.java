package io.streamrelay.idempotency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.streamrelay.emulator.EmulatorState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key over real HTTP against the whole service, with the emulator as vendor:
 * what matters is how many billable vendor calls a retried or duplicated request causes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:idem;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.apps.other-app.streaming-domain=play.other.example" })
class IdempotentRequestsEndToEndTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final AtomicInteger CHANNELS = new AtomicInteger();

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	String channel;

	@BeforeEach
	void freshVendorAndChannel() {
		this.emulator.reset();
		this.channel = "idem-" + CHANNELS.incrementAndGet();
	}

	String database() {
		return "H2";
	}

	@Test
	void retriedStartIsReplayedWithTheSameBodyLocationAndETagAndOneVendorCall() throws Exception {
		Reply first = send("POST", tasks("demo-app"), "start-1", start("alice"));
		Reply retry = send("POST", tasks("demo-app"), "start-1", start("alice"));

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.header("Location")).isEqualTo(first.header("Location")).isNotNull();
		assertThat(retry.header("ETag")).isEqualTo(first.header("ETag")).isNotNull();
		assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(1);
	}

	@Test
	void sameKeyWithAnotherBodyIsRefusedWithoutAVendorCall() throws Exception {
		send("POST", tasks("demo-app"), "start-2", start("alice"));

		Reply other = send("POST", tasks("demo-app"), "start-2", start("bob"));

		assertThat(other.status()).isEqualTo(422);
		assertThat(other.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(other.json().get("type").asString())
			.isEqualTo("https://streamrelay.io/problems/idempotency-key-reused");
		assertThat(other.json().get("detail").asString()).contains("was used for a different request");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(1);
	}

	@Test
	void retriedPatchAndDeleteAreReplayed() throws Exception {
		Reply started = send("POST", tasks("demo-app"), null, start("alice"));
		String task = started.header("Location");
		String patch = "{\"mode\":\"single\",\"single\":{\"userId\":\"alice\",\"streamType\":\"audio\"}}";

		Reply patched = send("PATCH", task, "patch-1", patch);
		Reply patchedAgain = send("PATCH", task, "patch-1", patch);
		Reply stopped = send("DELETE", task, "stop-1", null);
		Reply stoppedAgain = send("DELETE", task, "stop-1", null);

		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patchedAgain.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(patchedAgain.body()).isEqualTo(patched.body());
		assertThat(patchedAgain.header("ETag")).isEqualTo(patched.header("ETag"));
		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertThat(stoppedAgain.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(stoppedAgain.body()).isEqualTo(stopped.body());
		assertThat(this.emulator.callCount("UpdateLiveMPUTask")).isEqualTo(1);
		assertThat(this.emulator.callCount("StopLiveMPUTask")).isEqualTo(1);
	}

	@Test
	void keysAreScopedPerApp() throws Exception {
		Reply demo = send("POST", tasks("demo-app"), "shared-key", start("alice"));
		Reply other = send("POST", tasks("other-app"), "shared-key", start("alice"));

		assertThat(demo.status()).as(demo.body()).isEqualTo(201);
		assertThat(other.status()).as(other.body()).isEqualTo(201);
		assertThat(other.header("Idempotent-Replayed")).isNull();
		assertThat(other.json().get("appId").asString()).isEqualTo("other-app");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(2);
	}

	@Test
	void keyLongerThan255CharactersIsRefusedWithoutAVendorCall() throws Exception {
		Reply reply = send("POST", tasks("demo-app"), "k".repeat(256), start("alice"));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(reply.json().get("type").asString())
			.isEqualTo("https://streamrelay.io/problems/invalid-idempotency-key");
		assertThat(reply.json().get("detail").asString()).contains("Idempotency-Key");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isZero();
	}

	@Test
	void withoutTheHeaderARepeatedStartBehavesAsBefore() throws Exception {
		Reply first = send("POST", tasks("demo-app"), null, start("alice"));
		Reply second = send("POST", tasks("demo-app"), null, start("alice"));

		assertThat(first.status()).isEqualTo(201);
		// not a replay: the service itself answers the same running task
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("taskId")).isEqualTo(first.json().get("taskId"));
		assertThat(second.header("Idempotent-Replayed")).isNull();
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isEqualTo(1);
	}

	@Test
	void manyConcurrentIdenticalStartsWithOneKeyCauseExactlyOneVendorStart() throws Exception {
		int requests = 32;
		List<Reply> replies = concurrently(requests, () -> send("POST", tasks("demo-app"), "burst-1", start("alice")));

		List<Reply> created = replies.stream().filter((r) -> r.status() == 201).toList();
		List<Reply> inFlight = replies.stream().filter((r) -> r.status() == 409).toList();
		long replayed = created.stream().filter((r) -> "true".equals(r.header("Idempotent-Replayed"))).count();
		long vendorStarts = this.emulator.callCount("StartLiveMPUTask");
		System.out.printf(
				"IDEMPOTENCY BURST (%s): requests=%d, 201=%d (original=%d, replayed=%d), 409 in-flight=%d,"
						+ " other=%d, vendor StartLiveMPUTask=%d%n",
				database(), requests, created.size(), created.size() - replayed, replayed, inFlight.size(),
				requests - created.size() - inFlight.size(), vendorStarts);

		assertThat(vendorStarts).isEqualTo(1);
		assertThat(created.size() + inFlight.size()).isEqualTo(requests);
		assertThat(created.size() - replayed).isEqualTo(1);
		assertThat(created).extracting(Reply::body).containsOnly(created.get(0).body());
		assertThat(inFlight).allSatisfy((r) -> {
			assertThat(r.json().get("type").asString())
				.isEqualTo("https://streamrelay.io/problems/idempotency-request-in-flight");
			assertThat(r.header("Retry-After")).isEqualTo("1");
		});
		Reply after = send("POST", tasks("demo-app"), "burst-1", start("alice"));
		assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(after.body()).isEqualTo(created.get(0).body());
	}

	private String tasks(String app) {
		return "/v1/apps/" + app + "/relay-tasks";
	}

	private String start(String user) {
		return "{\"channelId\":\"" + this.channel + "\",\"mode\":\"single\",\"single\":{\"userId\":\"" + user + "\"}}";
	}

	private Reply send(String method, String path, String key, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", io.streamrelay.security.TestKeys.BEARER_DEVELOPMENT)
			.timeout(Duration.ofSeconds(30));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		if (body != null) {
			request.header("Content-Type",
					"PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response, response.body());
	}

	private static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> action) throws Exception {
		return io.streamrelay.testing.Concurrently.run(threads, (i) -> {
			try {
				return action.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** An HTTP answer. */
	record Reply(int status, HttpResponse<String> response, String body) {

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
