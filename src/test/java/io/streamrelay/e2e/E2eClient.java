package io.streamrelay.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailRequest;
import com.aliyuncs.profile.DefaultProfile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the running service, and the real vendor SDK to its emulator. */
final class E2eClient implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final DefaultAcsClient sdk;

	private final int port;

	E2eClient(int port) {
		this.port = port;
		this.sdk = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret"));
	}

	Reply send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", io.streamrelay.security.TestKeys.BEARER_DEVELOPMENT);
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("Location").orElse(null), response.body());
	}

	Reply post(String path, String json) throws IOException, InterruptedException {
		return send("POST", path, "application/json", json.replace('\'', '"'));
	}

	Reply patch(String path, String json) throws IOException, InterruptedException {
		return send("PATCH", path, "application/merge-patch+json", json.replace('\'', '"'));
	}

	Reply get(String path) throws IOException, InterruptedException {
		return send("GET", path, null, null);
	}

	Reply delete(String path) throws IOException, InterruptedException {
		return send("DELETE", path, null, null);
	}

	/** ListRtcMPUTaskDetail for one task, signed and sent by the vendor SDK; the raw JSON answer. */
	JsonNode listRtcMpuTaskDetail(String appId, String taskId) throws Exception {
		ListRtcMPUTaskDetailRequest request = new ListRtcMPUTaskDetailRequest();
		request.setSysEndpoint("127.0.0.1:" + this.port);
		request.setSysProtocol(ProtocolType.HTTP);
		request.setAppId(appId);
		request.setTaskId(taskId);
		com.aliyuncs.http.HttpResponse response = this.sdk.doAction(request);
		if (!response.isSuccess()) {
			throw new IllegalStateException("ListRtcMPUTaskDetail failed: " + response.getHttpContentString());
		}
		return JSON.readTree(response.getHttpContentString());
	}

	@Override
	public void close() {
		this.sdk.shutdown();
	}

	/** An HTTP answer. */
	record Reply(int status, String contentType, String location, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}


}
