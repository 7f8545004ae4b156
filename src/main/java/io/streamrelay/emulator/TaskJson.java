package io.streamrelay.emulator;

import io.streamrelay.redaction.Redaction;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.node.ObjectNode;

/**
 * Renders tasks as the vendor's ListRtcMPUTaskDetail items and as the operator view of
 * the control endpoints.
 */
final class TaskJson {

	private static final List<String> LIST_FIELDS = List.of("AppId", "ChannelId", "TaskId", "MixMode", "StreamURL",
			"MultiStreamURL", "Region", "MaxIdleTime", "SingleSubParams", "TranscodeParams", "SeiParams");

	private static final List<String> JSON_VALUED = List.of("MultiStreamURL", "SingleSubParams", "TranscodeParams",
			"SeiParams");

	private TaskJson() {
	}

	/**
	 * The §2.7 item: the latest parameters, JSON-valued ones as JSON with their leaves as
	 * received.
	 */
	static ObjectNode vendorItem(EmulatedTask task) {
		ObjectNode item = JsonParams.MAPPER.createObjectNode();
		for (String field : LIST_FIELDS) {
			String value = task.params().get(field);
			if (value == null) {
				continue;
			}
			if (JSON_VALUED.contains(field)) {
				item.set(field, JsonParams.parse(field, value));
			}
			else {
				item.put(field, value);
			}
		}
		return item;
	}

	static ObjectNode operatorView(EmulatedTask task) {
		ObjectNode view = JsonParams.MAPPER.createObjectNode();
		view.put("appId", task.appId());
		view.put("channelId", task.channelId());
		view.put("taskId", task.taskId());
		view.put("mixMode", task.mixMode());
		view.put("state", task.state().name());
		view.put("origin", task.origin().name());
		// an operator view, not the vendor protocol: stream keys and auth tokens stay
		// hidden here
		view.set("streamUrls", JsonParams.MAPPER.valueToTree(task.streamUrls().stream().map(Redaction::text).toList()));
		view.set("params", JsonParams.MAPPER.readTree(Redaction.text(vendorItem(task).toString())));
		view.put("lastCustomSei", task.lastCustomSei());
		view.set("callCounts", JsonParams.MAPPER.valueToTree(new TreeMap<>(task.callCounts())));
		view.put("updatedAt", task.updatedAt().toString());
		view.put("stoppedAt", (task.stoppedAt() != null) ? task.stoppedAt().toString() : null);
		return view;
	}

	static ObjectNode operatorList(List<EmulatedTask> tasks, Map<String, Long> callCounts) {
		ObjectNode body = JsonParams.MAPPER.createObjectNode();
		tasks.forEach((task) -> body.withArray("tasks").add(operatorView(task)));
		if (tasks.isEmpty()) {
			body.putArray("tasks");
		}
		body.set("callCounts", JsonParams.MAPPER.valueToTree(new TreeMap<>(callCounts)));
		return body;
	}

}
