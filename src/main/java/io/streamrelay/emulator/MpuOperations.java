package io.streamrelay.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.streamrelay.emulator.EmulatedTask.Origin;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes the five emulated MPU Actions against the state; each returns the response
 * body minus RequestId.
 */
final class MpuOperations {

	static final int MAX_CUSTOM_SEI = 4096;

	/** The task Actions, the ones whose calls are counted. */
	static final Set<String> TASK_ACTIONS = Set.of("StartLiveMPUTask", "UpdateLiveMPUTask", "StopLiveMPUTask",
			"ListRtcMPUTaskDetail", "SetLiveMpuTaskSei");

	/** The Actions the emulator knows; any other is refused and never counted. */
	static final Set<String> ACTIONS = Set.of("StartLiveMPUTask", "UpdateLiveMPUTask", "StopLiveMPUTask",
			"ListRtcMPUTaskDetail", "SetLiveMpuTaskSei", "CreateRtcMPUEventSub", "DescribeRtcMPUEventSub",
			"UpdateRtcMPUEventSub", "DeleteRtcMPUEventSub", "ListRtcMPUEventSubRecord", OnlineStreams.ACTION);

	/** The Actions beyond the task operations: event subscription, CDN list. */
	interface MoreActions {

		void execute(String action, Map<String, String> params, ObjectNode body);

	}

	private final EmulatorState state;

	private final boolean listIncludesStopped;

	private final MoreActions more;

	MpuOperations(EmulatorState state) {
		this(state, false);
	}

	/**
	 * {@code listIncludesStopped}: ListRtcMPUTaskDetail also lists stopped API tasks, the
	 * other reading of an undocumented vendor fact (docs/aliyun-mpu-api.md §9).
	 */
	MpuOperations(EmulatorState state, boolean listIncludesStopped) {
		this(state, listIncludesStopped, (action, params, body) -> {
			throw unknownAction();
		});
	}

	MpuOperations(EmulatorState state, boolean listIncludesStopped, MoreActions more) {
		this.state = state;
		this.listIncludesStopped = listIncludesStopped;
		this.more = more;
	}

	ObjectNode execute(String action, Map<String, String> params) {
		try {
			return dispatch(action, params);
		}
		finally {
			this.state.countTaskCall(params.get("AppId"), params.get("TaskId"), action);
		}
	}

	private ObjectNode dispatch(String action, Map<String, String> params) {
		ObjectNode body = JsonParams.MAPPER.createObjectNode();
		switch (action) {
			case "StartLiveMPUTask" -> this.state.start(TaskParamRules.start(params), Origin.API, action);
			case "UpdateLiveMPUTask" -> update(action, params);
			case "StopLiveMPUTask" ->
				this.state.stop(TaskParamRules.requiredId(params, "AppId", TaskParamRules.APP_OR_CHANNEL_ID),
						TaskParamRules.requiredId(params, "TaskId", TaskParamRules.TASK_ID), action);
			case "SetLiveMpuTaskSei" -> setSei(action, params);
			case "ListRtcMPUTaskDetail" -> list(params, body);
			default -> this.more.execute(action, params, body);
		}
		return body;
	}

	/** What the vendor's gateway answers for an Action it does not know. */
	static ApiError unknownAction() {
		return new ApiError(404, "InvalidAction.NotFound",
				"Specified api is not found, please check your url and method.");
	}

	private void update(String action, Map<String, String> params) {
		Map<String, String> changes = TaskParamRules.updateChanges(params);
		String channelId = params.get("ChannelId");
		this.state.update(params.get("AppId"), params.get("TaskId"), action,
				(current) -> TaskParamRules.merge(current, channelId, changes));
	}

	private void setSei(String action, Map<String, String> params) {
		String appId = TaskParamRules.requiredId(params, "AppId", TaskParamRules.APP_OR_CHANNEL_ID);
		String taskId = TaskParamRules.requiredId(params, "TaskId", TaskParamRules.TASK_ID);
		String customSei = TaskParamRules.required(params, "CustomSei");
		if (customSei.length() > MAX_CUSTOM_SEI) {
			throw ApiError.invalidParam("CustomSei must be at most " + MAX_CUSTOM_SEI + " characters.");
		}
		JsonParams.parse("CustomSei", customSei);
		this.state.setSei(appId, taskId, customSei, action);
	}

	private void list(Map<String, String> params, ObjectNode body) {
		String appId = TaskParamRules.requiredId(params, "AppId", TaskParamRules.APP_OR_CHANNEL_ID);
		List<EmulatedTask> apiTasks = (this.listIncludesStopped ? this.state.tasks(appId)
				: this.state.runningTasks(appId))
			.stream()
			.filter((task) -> task.origin() == Origin.API)
			.toList();
		String taskId = params.get("TaskId");
		List<EmulatedTask> page;
		if (taskId != null && !taskId.isEmpty()) {
			page = apiTasks.stream().filter((task) -> task.taskId().equals(taskId)).toList();
		}
		else {
			long pageNo = positive(params, "PageNo", Integer.MAX_VALUE);
			long pageSize = positive(params, "PageSize", 100);
			long skip = (pageNo - 1) * pageSize;
			page = (skip >= apiTasks.size()) ? List.of() : apiTasks.stream().skip(skip).limit(pageSize).toList();
		}
		body.putArray("MPUTasks").addAll(page.stream().map(TaskJson::vendorItem).toList());
	}

	private static long positive(Map<String, String> params, String name, long max) {
		String text = TaskParamRules.required(params, name);
		try {
			long value = Long.parseLong(text);
			if (value >= 1 && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below like any other out-of-range value
		}
		throw ApiError.invalidParam(name + " must be an integer in [1, " + max + "].");
	}

}
