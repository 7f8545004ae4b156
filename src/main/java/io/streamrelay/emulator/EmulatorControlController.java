package io.streamrelay.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import org.apache.commons.codec.digest.DigestUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator and test endpoints under {@code /emulator}: inspect tasks, simulate
 * SDK-started relays, reset all.
 */
@EmulatorMode
@RestController
@RequestMapping("/emulator")
class EmulatorControlController {

	private final EmulatorState state;

	private final FaultPlan faults;

	EmulatorControlController(EmulatorState state, FaultPlan faults) {
		this.state = state;
		this.faults = faults;
	}

	@GetMapping("/tasks")
	ResponseEntity<String> tasks(@RequestParam(required = false) String appId) {
		if (appId != null) {
			CallerScope.requireApp(appId);
		}
		List<EmulatedTask> visible = this.state.tasks(appId)
			.stream()
			.filter((task) -> CallerScope.covers(task.appId()))
			.toList();
		// the counts are of every app's calls: only for a key that may see every app
		return json(HttpStatus.OK,
				TaskJson.operatorList(visible, CallerScope.coversEveryApp() ? this.state.callCounts() : Map.of()));
	}

	@PostMapping("/sdk-relays")
	ResponseEntity<String> startSdkRelay(@RequestBody String body) {
		JsonNode request = JsonParams.parseObject("body", body);
		String appId = field(request, "appId", TaskParamRules.APP_OR_CHANNEL_ID.pattern());
		CallerScope.requireApp(appId);
		String channelId = field(request, "channelId", TaskParamRules.APP_OR_CHANNEL_ID.pattern());
		// client SDKs allow '=' in user ids (docs/aliyun-mpu-api.md §5.2)
		String userId = field(request, "userId", "[A-Za-z0-9_=-]{1,64}");
		String taskId = sdkTaskId(appId, channelId, userId);
		Map<String, String> params = new LinkedHashMap<>();
		params.put("AppId", appId);
		params.put("ChannelId", channelId);
		params.put("TaskId", taskId);
		params.put("MixMode", "0");
		params.put("SingleSubParams",
				JsonParams.MAPPER.createObjectNode()
					.put("UserId", userId)
					.put("StreamType", "0")
					.put("SourceType", "camera")
					.toString());
		TaskSpec spec = new TaskSpec(appId, channelId, taskId, "0", List.of(), params);
		EmulatedTask task = this.state.start(spec, EmulatedTask.Origin.SDK, "SdkRelay");
		return json(HttpStatus.CREATED, TaskJson.operatorView(task));
	}

	@PostMapping("/reset")
	ResponseEntity<Void> reset() {
		CallerScope.requireEveryApp("Resetting the emulator");
		this.state.reset();
		this.faults.clear();
		return ResponseEntity.noContent().build();
	}

	/** The MPUTaskId a client SDK gives its relay (docs/aliyun-mpu-api.md §5.1). */
	static String sdkTaskId(String appId, String channelId, String userId) {
		return "AL-" + DigestUtils
			.md5Hex("rtmp://live.aliyun.com/live/" + appId + "_" + channelId + "_" + userId + "_camera");
	}

	private static String field(JsonNode request, String name, String pattern) {
		String value = JsonParams.requiredScalar(request, name, name);
		if (!value.matches(pattern)) {
			throw ApiError.invalidParam(name + " must match " + pattern + ".");
		}
		return value;
	}

	private static ResponseEntity<String> json(HttpStatus status, JsonNode body) {
		return ResponseEntity.status(status)
			.contentType(MpuApiController.JSON_UTF8)
			.body(JsonParams.MAPPER.writeValueAsString(body));
	}

	/**
	 * The control endpoints are this service's own API, so a bad control request is a
	 * problem like any other 4xx (only the signed vendor endpoint answers in the vendor's
	 * error shape); the vendor-style code is kept as an extension.
	 */
	@ExceptionHandler(ApiError.class)
	ResponseEntity<Object> rejected(ApiError error) {
		return Problems.entity(ProblemTypes.EMULATOR_REFUSED.withStatus(error.status()), error.getMessage(),
				Map.of("code", error.code()));
	}

	@ExceptionHandler(CallerScope.Refused.class)
	ResponseEntity<Object> outOfScope(CallerScope.Refused refused) {
		return CallerScope.refusal(refused);
	}

}
