package io.streamrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to a service on 127.0.0.1, as a caller with one Authorization header. */
public final class TestHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final String authorization;

	public TestHttp(int port, String authorization) {
		this.port = port;
		this.authorization = authorization;
	}

	/**
	 * A JSON body gets {@code application/merge-patch+json} for PATCH,
	 * {@code application/json} otherwise.
	 */
	public Reply send(String method, String path, String body) {
		return send(method, path, body, Map.of());
	}

	public Reply send(String method, String path, String body, Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		if (body != null) {
			all.putIfAbsent("Content-Type",
					"PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		all.forEach(request::header);
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An HTTP answer. */
	public record Reply(int status, HttpHeaders headers, String body) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public String contentType() {
			return this.headers.firstValue("Content-Type").orElse("");
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
