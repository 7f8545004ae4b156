package io.streamrelay.emulator;

import tools.jackson.databind.node.ObjectNode;

/**
 * A vendor-shaped error the emulator answers with: HTTP status, error code and message.
 */
final class ApiError extends RuntimeException {

	private final int status;

	private final String code;

	ApiError(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	static ApiError missingParam(String name) {
		// the docs disagree on 400 vs 404 for MissingParam (docs/aliyun-mpu-api.md
		// §2.10); 400 is emulated
		return new ApiError(400, "MissingParam", "The input parameter \"" + name + "\" that is mandatory for "
				+ "processing this request is not supplied.");
	}

	static ApiError invalidParam(String message) {
		return new ApiError(400, "InvalidParam", message);
	}

	static ApiError taskNotFound(String taskId) {
		// unconfirmed: the vendor's code for an unknown/stopped task is not documented;
		// InvalidParam is a guess
		return invalidParam("The task " + taskId + " does not exist or has been stopped.");
	}

	/** The vendor's error body: RequestId, HostId, Code, Message, Recommend. */
	String vendorBody() {
		ObjectNode body = JsonParams.MAPPER.createObjectNode();
		body.put("RequestId", MpuApiController.requestId());
		body.put("HostId", "live.aliyuncs.com");
		body.put("Code", this.code);
		body.put("Message", getMessage());
		body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + this.code);
		return JsonParams.MAPPER.writeValueAsString(body);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
