package io.streamrelay.emulator;

import java.util.List;
import java.util.Map;

/**
 * A validated, complete task definition: its identity, mode, output URLs and the raw
 * parameters to echo back.
 */
record TaskSpec(String appId, String channelId, String taskId, String mixMode, List<String> streamUrls,
		Map<String, String> params) {

	TaskSpec {
		streamUrls = List.copyOf(streamUrls);
		params = Map.copyOf(params);
	}

	/** Stream URLs carry stream keys and auth tokens: never printed. */
	@Override
	public String toString() {
		return "TaskSpec[appId=" + appId + ", channelId=" + channelId + ", taskId=" + taskId + ", mixMode=" + mixMode
				+ ", streamUrls=" + streamUrls.size() + " hidden]";
	}

}
