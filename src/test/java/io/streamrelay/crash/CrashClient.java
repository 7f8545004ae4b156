package io.streamrelay.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP to one process on 127.0.0.1 with one API key; counts the requests in flight
 * (what a kill interrupts) and never waits longer than the request budget.
 */
final class CrashClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** No answer may take longer than this, database outages included. */
	static final Duration REQUEST_BUDGET = Duration.ofSeconds(10);

	/** Status of a request that got no answer (connection refused or reset by a kill). */
	static final int NO_ANSWER = -1;

	/** Status of a request whose answer took longer than the budget. */
	static final int HUNG = -2;

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final int port;

	private final String bearer;

	private final AtomicInteger inFlight = new AtomicInteger();

	CrashClient(int port, String key) {
		this.port = port;
		this.bearer = "Bearer " + key;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	Answer send(String method, String path, String body, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(REQUEST_BUDGET)
			.header("Authorization", this.bearer)
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type",
					"PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		long started = System.nanoTime();
		this.inFlight.incrementAndGet();
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("Idempotent-Replayed").isPresent(), response.body(),
					elapsed(started));
		}
		catch (HttpTimeoutException ex) {
			return new Answer(HUNG, "", null, false, "", elapsed(started));
		}
		catch (IOException ex) {
			return new Answer(NO_ANSWER, "", null, false, "", elapsed(started));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(NO_ANSWER, "", null, false, "", elapsed(started));
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	/** A read that must succeed (the checks run on a healthy system). */
	JsonNode read(String path) {
		Answer answer = send("GET", path, null, null);
		if (answer.status() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + answer.status() + ": " + answer.body());
		}
		return answer.json();
	}

	private static long elapsed(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	/** An HTTP answer, or {@link #NO_ANSWER} / {@link #HUNG}. */
	record Answer(int status, String contentType, String retryAfter, boolean replayed, String body, long millis) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		boolean answered() {
			return this.status > 0;
		}

		String problemType() {
			if (!this.contentType.startsWith("application/problem+json")) {
				return null;
			}
			String type = json().path("type").asString("");
			return type.substring(type.lastIndexOf('/') + 1);
		}

	}

}
