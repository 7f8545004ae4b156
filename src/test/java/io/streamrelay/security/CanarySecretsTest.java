package io.streamrelay.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the main flows, failures included, with canary secrets configured and DEBUG
 * logging on, and looks for the canaries in every response (bodies and headers), the task
 * history, actuator output and the captured logs.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:canaries;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=10m", "streamrelay.reconciler.enabled=false",
				"streamrelay.emulator.access-key-secret=" + CanarySecretsTest.VENDOR_SECRET,
				"streamrelay.apps.canary-app.streaming-domain=play.canary.example",
				"streamrelay.apps.canary-app.ingest-domain=push.canary.example",
				"streamrelay.apps.canary-app.push-auth-key=" + CanarySecretsTest.PUSH_KEY,
				"streamrelay.apps.canary-app.play-auth-key=" + CanarySecretsTest.PLAY_KEY,
				"streamrelay.apps.canary-app.allowed-destination-hosts[0]=*.rtmp.youtube.com",
				"streamrelay.apps.canary-app.allowed-image-hosts[0]=img.canary.example",
				"streamrelay.security.development-key-enabled=false",
				"streamrelay.security.api-keys[0].name=canary-caller",
				"streamrelay.security.api-keys[0].sha256=" + CanarySecretsTest.API_KEY_SHA256,
				"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=ADMIN",
				"logging.level.io.streamrelay=DEBUG", "logging.level.org.springframework.web=DEBUG",
				"logging.level.org.springframework.security=DEBUG", "logging.level.com.aliyuncs=DEBUG",
				"logging.level.org.apache.http=INFO" })
class CanarySecretsTest {

	static final String VENDOR_SECRET = "canaryVendorSecret7f3a";

	static final String PUSH_KEY = "canaryPushKey5b2c";

	static final String PLAY_KEY = "canaryPlayKey9d1e";

	static final String STREAM_KEY = "canaryStreamKey1234";

	static final String API_KEY = "canaryApiKey-0a1b2c3d4e5f";

	static final String API_KEY_SHA256 = "e70472d7d1b161c99c0b2f7c9d9a184a7c425fa381cee56c2f9885e6cd876392";

	static final String WRONG_KEY = "canaryWrongKey-9z8y7x";

	static final String IMAGE_TOKEN = "canaryImageToken4242";

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@Autowired
	FaultPlan faults;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final List<String> seen = new ArrayList<>();

	@Test
	void noSecretAppearsInResponsesHistoryActuatorOrLogs(CapturedOutput output) throws Exception {
		String tasks = "/v1/apps/canary-app/relay-tasks";
		String thirdParty = "rtmp://a.rtmp.youtube.com/live2/" + STREAM_KEY;
		call(API_KEY, "POST", tasks,
				"{\"taskId\":\"c1\",\"channelId\":\"ch\",\"mode\":\"single\",\"single\":{\"userId\":\"u1\"},"
						+ "\"destinations\":[\"" + thirdParty + "\"]}",
				201);
		call(API_KEY, "POST", tasks,
				"{\"taskId\":\"c2\",\"channelId\":\"ch\",\"mode\":\"single\",\"single\":{\"userId\":\"u2\"}}", 201);
		call(API_KEY, "GET", tasks + "/c1", null, 200);
		call(API_KEY, "PATCH", tasks + "/c1", "{\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"u1\"}],"
				+ "\"layout\":{\"panes\":[{\"x\":0,\"y\":0,\"width\":1,\"height\":1,\"backgroundImageUrl\":"
				+ "\"https://img.canary.example/p.png?auth_key=" + IMAGE_TOKEN + "\"}]},\"background\":{\"url\":"
				+ "\"https://img.canary.example/bg.png?Signature=" + IMAGE_TOKEN + "\"}}}", 200);
		call(API_KEY, "GET", tasks + "?pageSize=10", null, 200);
		// failures: the destination c1 uses (refused here), the vendor's rejection (the
		// StreamURL still cooling down after c1 stopped: its message quotes the URL),
		// throttling, bad input, bad keys
		String c3 = "{\"taskId\":\"c3\",\"channelId\":\"ch\",\"mode\":\"single\",\"single\":{\"userId\":\"u3\"},"
				+ "\"destinations\":[\"" + thirdParty + "\"]}";
		call(API_KEY, "POST", tasks, c3, 409);
		call(API_KEY, "DELETE", tasks + "/c1", null, 200);
		call(API_KEY, "POST", tasks, c3, 422);
		this.faults.add(new FaultRule("UpdateLiveMPUTask", FaultRule.Kind.THROTTLING, -1, 0, FaultRule.When.BEFORE));
		call(API_KEY, "PATCH", tasks + "/c2", "{\"single\":{\"streamType\":\"audio\"}}", 503);
		this.faults.clear();
		// the answer to the stop is lost after the vendor acted; the retry learns the
		// task is gone: 200
		this.faults.add(new FaultRule("StopLiveMPUTask", FaultRule.Kind.DROP_CONNECTION, 1, 0, FaultRule.When.AFTER));
		call(API_KEY, "DELETE", tasks + "/c2", null, 200);
		this.faults.clear();
		call(API_KEY, "POST", tasks, "{\"channelId\":\"ch\",\"mode\":\"single\",\"single\":{\"userId\":\"u4\"},"
				+ "\"destinations\":[\"rtmp://10.0.0.1/live2/" + STREAM_KEY + "\"]}", 422);
		call(API_KEY, "POST", tasks, "{\"channelId\":\"ch\",\"mode\":\"single\",\"single\":{\"userId\":\"u4\"},"
				+ "\"destinations\":[\"ftp://x/" + STREAM_KEY + "\"]}", 400);
		call(API_KEY, "POST", tasks, "{\"channelId\":\"ch\",\"mode\":\"single\",\"destinations\":[\"" + thirdParty
				+ "\"], \"single\":{\"userId\":\"u4\",\"oops\":1}}", 400);
		call(WRONG_KEY, "GET", tasks, null, 401);
		call(null, "GET", tasks + "?api_key=" + WRONG_KEY, null, 401);
		call(API_KEY, "GET", tasks + "/c1/events", null, 200);
		call(API_KEY, "GET", tasks + "/c2/events", null, 200);
		call(API_KEY, "GET", "/actuator/health", null, 200);
		call(API_KEY, "GET", "/actuator/info", null, 200);
		call(API_KEY, "GET", "/actuator/metrics", null, 200);
		call(API_KEY, "GET", "/actuator/metrics/http.server.requests", null, 200);
		call(API_KEY, "GET", "/v3/api-docs", null, 200);

		// the push URL the vendor received carries a signing token: that token is a
		// secret too
		String pushed = this.emulator.task("canary-app", "c2").orElseThrow().streamUrls().get(0);
		assertThat(pushed).contains("auth_key=");
		String pushToken = pushed.substring(pushed.indexOf("auth_key=") + "auth_key=".length());
		assertThat(pushToken).matches("\\d+-0-0-[0-9a-f]{32}");

		List<String> secrets = List.of(VENDOR_SECRET, PUSH_KEY, PLAY_KEY, STREAM_KEY, API_KEY, WRONG_KEY, IMAGE_TOKEN,
				pushToken.substring(pushToken.lastIndexOf('-') + 1));
		String everything = String.join("\n", this.seen);
		String logs = output.getAll();
		assertThat(logs).as("DEBUG logging was on").contains("DEBUG");
		for (String secret : secrets) {
			assertThat(everything).as("responses").doesNotContain(secret);
			assertThat(logs).as("logs").doesNotContain(secret);
		}
	}

	void call(String key, String method, String path, String body, int expectedStatus) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (body != null) {
			request.header("Content-Type",
					"PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		this.seen.add(response.headers().map().toString());
		this.seen.add(response.body());
		assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(expectedStatus);
	}

}
