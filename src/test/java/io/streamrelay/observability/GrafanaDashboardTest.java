package io.streamrelay.observability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * docs/grafana/streamrelay.json is a Grafana dashboard whose every query names metrics
 * the running service exports on /actuator/prometheus (after the traffic that creates
 * them: a start, a replayed request, a refused body, a reconciler run).
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
		assertThat(queried).hasSizeGreaterThanOrEqualTo(10);

		TestHttp http = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
		String body = "{\"channelId\":\"dash\",\"mode\":\"single\",\"single\":{\"userId\":\"dana\"}}";
		Map<String, String> once = Map.of("Idempotency-Key", "dashboard-1");
		assertThat(http.send("POST", "/v1/apps/demo-app/relay-tasks", body, once).status()).isEqualTo(201);
		assertThat(http.send("POST", "/v1/apps/demo-app/relay-tasks", body, once).status()).isEqualTo(201);
		assertThat(http.send("POST", "/v1/apps/demo-app/relay-tasks", "{\"channelId\":\"" + "x".repeat(4096) + "\"}")
			.status()).isEqualTo(413);
		this.reconciler.runOnce();

		String scraped = http.send("GET", "/actuator/prometheus", null).body();
		for (String metric : queried) {
			assertThat(scraped).as("the dashboard queries " + metric).containsPattern("(?m)^" + metric + "[{ ]");
		}
	}

}
