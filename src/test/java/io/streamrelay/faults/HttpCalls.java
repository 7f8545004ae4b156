package io.streamrelay.faults;

import io.streamrelay.testing.TestHttp;

/** The service's relay-task API over real HTTP. */
final class HttpCalls {

	private final TestHttp http;

	HttpCalls(int port) {
		this.http = new TestHttp(port, io.streamrelay.security.TestKeys.BEARER_ADMIN);
	}

	Reply start(String taskId) {
		return send("POST", FaultMatrixTest.TASKS, "application/json",
				"{'taskId':'" + taskId + "','channelId':'faults'," + "'mode':'single','single':{'userId':'" + taskId
						+ "'},'destinations':['rtmp://push.example.com/live/" + taskId + "']}");
	}

	Reply patch(String taskId, String patch) {
		return send("PATCH", FaultMatrixTest.TASKS + "/" + taskId, "application/merge-patch+json", patch);
	}

	Reply stop(String taskId) {
		return send("DELETE", FaultMatrixTest.TASKS + "/" + taskId, null, null);
	}

	Reply send(String method, String path, String contentType, String body) {
		TestHttp.Reply reply = this.http.send(method, path, body == null ? null : body.replace('\'', '"'),
				contentType == null ? java.util.Map.of() : java.util.Map.of("Content-Type", contentType));
		return new Reply(reply.status(), reply.contentType(), reply.header("Retry-After"), reply.body());
	}

	/** An HTTP answer. */
	record Reply(int status, String contentType, String retryAfter, String body) {
	}

}
