package io.streamrelay.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one emulated relay task with the latest raw parameters the
 * emulator accepted for it.
 *
 * @param params the latest accepted task parameters exactly as received (JSON-valued ones
 * as JSON text)
 * @param lastCustomSei the CustomSei of the latest SetLiveMpuTaskSei call, or null
 * @param callCounts successful calls per Action on this task
 * @param revision a global counter, larger for a more recent change
 * @param stoppedAt when the task stopped, or null while running
 */
public record EmulatedTask(String appId, String channelId, String taskId, String mixMode, State state, Origin origin,
		List<String> streamUrls, Map<String, String> params, String lastCustomSei, Map<String, Long> callCounts,
		long revision, Instant updatedAt, Instant stoppedAt) {

	/** Whether the task still relays. */
	public enum State {

		RUNNING, STOPPED

	}

	/** Who started the task: the OpenAPI, or a client SDK in the channel. */
	public enum Origin {

		API, SDK

	}

	public EmulatedTask {
		streamUrls = List.copyOf(streamUrls);
		params = Map.copyOf(params);
		callCounts = Map.copyOf(callCounts);
	}

	/** Stream URLs and parameters carry stream keys and auth tokens: never printed. */
	@Override
	public String toString() {
		return "EmulatedTask[appId=" + appId + ", channelId=" + channelId + ", taskId=" + taskId + ", mixMode="
				+ mixMode + ", state=" + state + ", origin=" + origin + ", streamUrls=" + streamUrls.size()
				+ " hidden, revision=" + revision + "]";
	}

	public boolean running() {
		return this.state == State.RUNNING;
	}

	/** True for MixMode 1 (mixed and transcoded), false for single-stream relay. */
	public boolean mixed() {
		return "1".equals(this.mixMode);
	}

}
