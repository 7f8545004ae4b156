package io.streamrelay.observability;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.streamrelay.emulator.EmulatedSubscriptions;
import io.streamrelay.relaytask.scheduling.ReconcilerJob;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/grafana/streamrelay.json is a Grafana dashboard whose every query names metrics
 * the running service exports on /actuator/prometheus (after the traffic that creates
 * them: a start and the emulator's callback of it, a replayed request, a refused body, a
 * reconciler run, a vendor event for an unknown task delivered twice).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:dashboard;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false",
				"streamrelay.security.max-body-bytes=2048" })
class GrafanaDashboardTest {

	static final Pattern METRIC = Pattern.compile("\\b((?:streamrelay|resilience4j|http_server)_[a-z0-9_]+)");

	@LocalServerPort
	int port;

	@Autowired
	ReconcilerJob reconciler;

	@Autowired
	EmulatedSubscriptions subscriptions;

	@Test
	void everyMetricTheDashboardQueriesIsExportedByTheService() throws Exception {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("docs/grafana/streamrelay.json")));
		assertThat(dashboard.get("title").asString()).isEqualTo("streamrelay");
		assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
		Set<String> queried = new TreeSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(panel.has("gridPos") && panel.has("type") && panel.has("datasource")).as(panel.toString())
				.isTrue();
			for (JsonNode target : panel.get("targets")) {
				Matcher metrics = METRIC.matcher(target.get("expr").asString());
				while (metrics.find()) {
					queried.add(metrics.group(1));
				}
			}
		}
		assertThat(queried).hasSizeGreaterThanOrEqualTo(10)
			.contains("streamrelay_events_received_total", "streamrelay_events_applied_total",
					"streamrelay_events_unmatched_total", "streamrelay_events_duplicates_total");

		// subscribed first, so that the emulator calls back about the start below
		await().atMost(Duration.ofSeconds(20)).until(() -> this.subscriptions.callbackUrl("demo-app").isPresent());
		TestHttp http = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
		String body = "{\"channelId\":\"dash\",\"mode\":\"single\",\"single\":{\"userId\":\"dana\"}}";
		Map<String, String> once = Map.of("Idempotency-Key", "dashboard-1");
		assertThat(http.send("POST", "/v1/apps/demo-app/relay-tasks", body, once).status()).isEqualTo(201);
		assertThat(http.send("POST", "/v1/apps/demo-app/relay-tasks", body, once).status()).isEqualTo(201);
		assertThat(http.send("POST", "/v1/apps/demo-app/relay-tasks", "{\"channelId\":\"" + "x".repeat(4096) + "\"}")
			.status()).isEqualTo(413);
		this.reconciler.runOnce();
		String callback = URI.create(this.subscriptions.callbackUrl("demo-app").orElseThrow()).getPath();
		TestHttp vendor = new TestHttp(this.port, null);
		for (int delivery = 0; delivery < 2; delivery++) {
			assertThat(vendor.send("POST", callback, unknownTaskEvent(), Map.of("Content-Type", "application/json"))
				.status()).isEqualTo(200);
		}

		// events are applied off the callback's thread
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String scraped = http.send("GET", "/actuator/prometheus", null).body();
			for (String metric : queried) {
				assertThat(scraped).as("the dashboard queries " + metric).containsPattern("(?m)^" + metric + "[{ ]");
			}
		});
	}

	private static String unknownTaskEvent() {
		return "{\"EventType\":1,\"MsgId\":\"dashboard-unknown-1\",\"AppId\":\"demo-app\",\"TaskId\":\"no-such-task\","
				+ "\"CallbackTs\":1712656430476,\"Payload\":{\"DstUrl\":\"rtmp://push.example.com/live/s\","
				+ "\"EventTs\":1712656430384,\"EventCode\":2,\"ErrorCode\":0,\"ErrorMessage\":\"\"}}";
	}

}
