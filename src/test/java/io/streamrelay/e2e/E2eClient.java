package io.streamrelay.e2e;

import com.aliyuncs.DefaultAcsClient;
import io.streamrelay.testing.TestHttp;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailRequest;
import com.aliyuncs.profile.DefaultProfile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the running service, and the real vendor SDK to its emulator. */
final class E2eClient implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final DefaultAcsClient sdk;

	private final int port;

	private final TestHttp http;

	E2eClient(int port) {
		this.port = port;
		this.http = new TestHttp(port, io.streamrelay.security.TestKeys.BEARER_DEVELOPMENT);
		this.sdk = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret"));
	}

	Reply send(String method, String path, String contentType, String body) {
		TestHttp.Reply reply = this.http.send(method, path, body,
				contentType == null ? java.util.Map.of() : java.util.Map.of("Content-Type", contentType));
		return new Reply(reply.status(), reply.contentType(), reply.header("Location"), reply.body());
	}

	Reply post(String path, String json) {
		return send("POST", path, "application/json", json.replace('\'', '"'));
	}

	Reply patch(String path, String json) {
		return send("PATCH", path, "application/merge-patch+json", json.replace('\'', '"'));
	}

	Reply get(String path) {
		return send("GET", path, null, null);
	}

	Reply delete(String path) {
		return send("DELETE", path, null, null);
	}

	/**
	 * ListRtcMPUTaskDetail for one task, signed and sent by the vendor SDK; the raw JSON
	 * answer.
	 */
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

	/**
	 * StartLiveMPUTask sent by the vendor SDK straight to the emulator, as another
	 * backend would (a relay this service has no record of); the vendor's RequestId.
	 */
	String startLiveMpuTaskElsewhere(String appId, String channelId, String taskId, String streamUrl) throws Exception {
		com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest start = new com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest();
		start.setSysEndpoint("127.0.0.1:" + this.port);
		start.setSysProtocol(ProtocolType.HTTP);
		start.setAppId(appId);
		start.setChannelId(channelId);
		start.setTaskId(taskId);
		start.setMixMode("0");
		start.setStreamURL(streamUrl);
		com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.SingleSubParams sub = new com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.SingleSubParams();
		sub.setUserId("host");
		sub.setStreamType("1");
		sub.setSourceType("camera");
		start.setSingleSubParams(sub);
		return this.sdk.getAcsResponse(start).getRequestId();
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
