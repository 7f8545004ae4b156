package io.streamrelay.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key that sends more requests per second than allowed gets 429 with Retry-After until
 * the next second; other keys are unaffected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:rate-limit;DB_CLOSE_DELAY=-1", "streamrelay.reconciler.enabled=false",
		"streamrelay.security.requests-per-second-per-key=3", "streamrelay.security.max-body-bytes=4096",
		"streamrelay.security.api-keys[0].name=tests",
		"streamrelay.security.api-keys[0].sha256=7d620708c9c5738a1acf259057a317f108ce5395a4b22c6bf8ebea0683352ed6",
		"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=READ" })
class PerKeyRateLimitTest {

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	// the name under which the filter keeps the development key's limiter
	static final String LIMITER = "api-key-" + DevelopmentKey.NAME;

	@LocalServerPort
	int port;

	@Autowired
	RateLimiterRegistry limiters;

	HttpResponse<String> get(String authorization) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/apps/demo-app/relay-tasks"))
				.header("Authorization", authorization)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answers429WithRetryAfterOnceAKeySpendsItsBudgetUntilTheNextSecond() throws Exception {
		// the filter makes the key's limiter on its first request, from the configuration
		assertThat(get(TestKeys.BEARER_DEVELOPMENT).statusCode()).isEqualTo(200);
		RateLimiter made = this.limiters.find(LIMITER).orElseThrow();
		RateLimiterConfig config = made.getRateLimiterConfig();
		assertThat(made).isInstanceOf(AtomicRateLimiter.class);
		assertThat(config.getLimitForPeriod()).isEqualTo(3);
		assertThat(config.getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.getTimeoutDuration()).isZero();
		// the same limiter on a clock the test moves: no second can turn during the burst
		AtomicLong nanos = new AtomicLong();
		this.limiters.replace(LIMITER, new AtomicRateLimiter(LIMITER, config, nanos::get));
		try {
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				responses.add(get(TestKeys.BEARER_DEVELOPMENT));
			}
			assertThat(responses).extracting(HttpResponse::statusCode)
				.containsExactly(200, 200, 200, 429, 429, 429, 429, 429, 429, 429);
			HttpResponse<String> limited = responses.get(3);
			assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(limited.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(limited.body()).contains("https://streamrelay.io/problems/too-many-requests");
			assertThat(get(TestKeys.BEARER_ADMIN).statusCode()).as("another key is unaffected").isEqualTo(200);

			nanos.set(Duration.ofSeconds(1).toNanos() - 1);
			assertThat(get(TestKeys.BEARER_DEVELOPMENT).statusCode()).as("still the same second").isEqualTo(429);
			nanos.set(Duration.ofSeconds(1).toNanos());
			assertThat(List.of(get(TestKeys.BEARER_DEVELOPMENT).statusCode(),
					get(TestKeys.BEARER_DEVELOPMENT).statusCode(), get(TestKeys.BEARER_DEVELOPMENT).statusCode(),
					get(TestKeys.BEARER_DEVELOPMENT).statusCode()))
				.as("the budget refills to the limit, not beyond")
				.containsExactly(200, 200, 200, 429);
		}
		finally {
			// other tests get a limiter on the real clock again
			this.limiters.remove(LIMITER);
		}
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
