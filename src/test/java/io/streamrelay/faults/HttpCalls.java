package io.streamrelay.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The service's relay-task API over real HTTP. */
final class HttpCalls {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	HttpCalls(int port) {
		this.port = port;
	}

	Reply start(String taskId) throws IOException, InterruptedException {
		return send("POST", FaultMatrixTest.TASKS, "application/json", "{'taskId':'" + taskId + "','channelId':'faults',"
				+ "'mode':'single','single':{'userId':'" + taskId + "'},'destinations':['rtmp://push.example.com/live/"
				+ taskId + "']}");
	}

	Reply patch(String taskId, String patch) throws IOException, InterruptedException {
		return send("PATCH", FaultMatrixTest.TASKS + "/" + taskId, "application/merge-patch+json", patch);
	}

	Reply stop(String taskId) throws IOException, InterruptedException {
		return send("DELETE", FaultMatrixTest.TASKS + "/" + taskId, null, null);
	}

	Reply send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", io.streamrelay.security.TestKeys.BEARER_ADMIN);
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("Retry-After").orElse(null), response.body());
	}

	/** An HTTP answer. */
	record Reply(int status, String contentType, String retryAfter, String body) {
	}

}
