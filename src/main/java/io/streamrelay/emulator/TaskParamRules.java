package io.streamrelay.emulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the top-level task parameters of Start and Update and merges an Update into
 * the stored task.
 */
final class TaskParamRules {

	static final Pattern APP_OR_CHANNEL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,55}");

	private static final List<String> START_PARAMS = List.of("AppId", "ChannelId", "TaskId", "MixMode", "StreamURL",
			"MultiStreamURL", "MaxIdleTime", "Region", "SingleSubParams", "TranscodeParams", "SeiParams");

	// Update takes neither MaxIdleTime nor Region (docs/aliyun-mpu-api.md §2.2); they are
	// ignored if sent
	private static final List<String> UPDATE_PARAMS = List.of("MixMode", "StreamURL", "MultiStreamURL",
			"SingleSubParams", "TranscodeParams", "SeiParams");

	private static final Set<String> REGIONS = Set.of("CN-Shanghai", "AP-Singapore", "EMAA-Saudi");

	private TaskParamRules() {
	}

	static TaskSpec start(Map<String, String> request) {
		String appId = requiredId(request, "AppId", APP_OR_CHANNEL_ID);
		String channelId = requiredId(request, "ChannelId", APP_OR_CHANNEL_ID);
		String taskId = requiredId(request, "TaskId", TASK_ID);
		String mixMode = mixMode(required(request, "MixMode"));
		Map<String, String> task = pick(request, START_PARAMS);
		validateCommon(task, true);
		if (!task.containsKey("StreamURL") && !task.containsKey("MultiStreamURL")) {
			throw ApiError.missingParam("StreamURL");
		}
		maxIdleTime(task.get("MaxIdleTime"));
		if (task.containsKey("Region") && !REGIONS.contains(task.get("Region"))) {
			throw ApiError.invalidParam("Region must be one of " + REGIONS + ".");
		}
		return complete(appId, channelId, taskId, mixMode, task);
	}

	/** Validates an Update request on its own, before the stored task is known. */
	static Map<String, String> updateChanges(Map<String, String> request) {
		requiredId(request, "AppId", APP_OR_CHANNEL_ID);
		requiredId(request, "ChannelId", APP_OR_CHANNEL_ID);
		requiredId(request, "TaskId", TASK_ID);
		Map<String, String> changes = pick(request, UPDATE_PARAMS);
		if (changes.containsKey("MixMode")) {
			mixMode(changes.get("MixMode"));
		}
		validateCommon(changes, false);
		return changes;
	}

	/** Applies validated Update changes to the latest parameters of a running task. */
	static TaskSpec merge(EmulatedTask current, String channelId, Map<String, String> changes) {
		if (!current.channelId().equals(channelId)) {
			throw ApiError
				.invalidParam("The task " + current.taskId() + " does not belong to channel " + channelId + ".");
		}
		String mixMode = changes.getOrDefault("MixMode", current.mixMode());
		Map<String, String> merged = new LinkedHashMap<>(current.params());
		if (!mixMode.equals(current.mixMode())) {
			merged.remove("0".equals(mixMode) ? "TranscodeParams" : "SingleSubParams");
		}
		if (changes.containsKey("StreamURL") || changes.containsKey("MultiStreamURL")) {
			merged.remove("StreamURL");
			merged.remove("MultiStreamURL");
		}
		merged.putAll(changes);
		merged.put("MixMode", mixMode);
		return complete(current.appId(), current.channelId(), current.taskId(), mixMode, merged);
	}

	private static TaskSpec complete(String appId, String channelId, String taskId, String mixMode,
			Map<String, String> task) {
		String wanted = "0".equals(mixMode) ? "SingleSubParams" : "TranscodeParams";
		String forbidden = "0".equals(mixMode) ? "TranscodeParams" : "SingleSubParams";
		if (task.containsKey(forbidden)) {
			throw ApiError.invalidParam(forbidden + " must not be given when MixMode is " + mixMode + ".");
		}
		if (!task.containsKey(wanted)) {
			throw ApiError.missingParam(wanted);
		}
		List<String> urls = task.containsKey("MultiStreamURL")
				? NestedParamRules.multiStreamUrls(task.get("MultiStreamURL"))
				: (task.containsKey("StreamURL") ? List.of(task.get("StreamURL")) : List.of());
		return new TaskSpec(appId, channelId, taskId, mixMode, urls, task);
	}

	private static void validateCommon(Map<String, String> task, boolean start) {
		if (task.containsKey("StreamURL") && task.containsKey("MultiStreamURL")) {
			throw ApiError.invalidParam("StreamURL and MultiStreamURL are mutually exclusive.");
		}
		if (task.containsKey("StreamURL")) {
			NestedParamRules.rtmpUrl("StreamURL", task.get("StreamURL"));
		}
		if (task.containsKey("MultiStreamURL")) {
			NestedParamRules.multiStreamUrls(task.get("MultiStreamURL"));
		}
		if (task.containsKey("SingleSubParams") && task.containsKey("TranscodeParams")) {
			throw ApiError.invalidParam("SingleSubParams and TranscodeParams are mutually exclusive.");
		}
		if (task.containsKey("SingleSubParams")) {
			NestedParamRules.singleSubParams(task.get("SingleSubParams"));
		}
		if (task.containsKey("TranscodeParams")) {
			TranscodeRules.transcodeParams(task.get("TranscodeParams"));
		}
		if (task.containsKey("SeiParams")) {
			NestedParamRules.seiParams(task.get("SeiParams"), start);
		}
	}

	private static void maxIdleTime(String value) {
		if (value == null) {
			return;
		}
		BigDecimal seconds = JsonParams.decimal(value, "MaxIdleTime");
		if (seconds.stripTrailingZeros().scale() > 0 || seconds.compareTo(BigDecimal.TEN) < 0
				|| seconds.compareTo(BigDecimal.valueOf(86400)) > 0) {
			throw ApiError.invalidParam("MaxIdleTime must be an integer in [10, 86400].");
		}
	}

	private static String mixMode(String value) {
		if (!"0".equals(value) && !"1".equals(value)) {
			throw ApiError.invalidParam("MixMode must be 0 or 1.");
		}
		return value;
	}

	static String required(Map<String, String> request, String name) {
		String value = request.get(name);
		if (value == null || value.isEmpty()) {
			throw ApiError.missingParam(name);
		}
		return value;
	}

	static String requiredId(Map<String, String> request, String name, Pattern pattern) {
		String value = required(request, name);
		if (!pattern.matcher(value).matches()) {
			throw ApiError.invalidParam(name + " must match " + pattern.pattern() + ".");
		}
		return value;
	}

	private static Map<String, String> pick(Map<String, String> request, List<String> names) {
		Map<String, String> picked = new LinkedHashMap<>();
		for (String name : names) {
			String value = request.get(name);
			// the SDK omits unset parameters; an empty value is treated the same way
			if (value != null && !value.isEmpty()) {
				picked.put(name, value);
			}
		}
		return picked;
	}

}
