package io.streamrelay.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key that sends more requests per second than allowed gets 429 with Retry-After; other
 * keys are unaffected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:rate-limit;DB_CLOSE_DELAY=-1", "streamrelay.reconciler.enabled=false",
		"streamrelay.security.requests-per-second-per-key=3", "streamrelay.security.max-body-bytes=4096",
		"streamrelay.security.api-keys[0].name=tests",
		"streamrelay.security.api-keys[0].sha256=7d620708c9c5738a1acf259057a317f108ce5395a4b22c6bf8ebea0683352ed6",
		"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=READ" })
class PerKeyRateLimitTest {

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	HttpResponse<String> get(String authorization) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/apps/demo-app/relay-tasks"))
				.header("Authorization", authorization)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answers429WithRetryAfterOnceAKeySpendsItsBudget() throws Exception {
		Thread.sleep(1100); // a fresh budget, whatever ran before
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			responses.add(get(TestKeys.BEARER_DEVELOPMENT));
		}
		long ok = responses.stream().filter((r) -> r.statusCode() == 200).count();
		List<HttpResponse<String>> limited = responses.stream().filter((r) -> r.statusCode() == 429).toList();
		assertThat(ok).isBetween(3L, 6L);
		assertThat(limited).isNotEmpty();
		assertThat(get(TestKeys.BEARER_ADMIN).statusCode()).as("another key is unaffected").isEqualTo(200);
		assertThat(limited.get(0).headers().firstValue("Retry-After")).hasValue("1");
		assertThat(limited.get(0).headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(limited.get(0).body()).contains("https://streamrelay.io/problems/too-many-requests");
		Thread.sleep(1100);
		assertThat(get(TestKeys.BEARER_DEVELOPMENT).statusCode()).as("the budget refills").isEqualTo(200);
	}

	@Test
	void capsChunkedBodiesWhileTheyAreRead() throws Exception {
		byte[] body = ("{\"channelId\":\"c\",\"mode\":\"single\",\"single\":{\"userId\":\"u\"},\"region\":\""
				+ "x".repeat(10_000) + "\"}")
			.getBytes();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/apps/demo-app/relay-tasks"))
				.header("Authorization", TestKeys.BEARER_DEVELOPMENT)
				.header("Content-Type", "application/json")
				// an input-stream body has no declared length: it is sent chunked
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.body()).contains("payload-too-large");
	}

}
