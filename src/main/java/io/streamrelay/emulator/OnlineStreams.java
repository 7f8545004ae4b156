package io.streamrelay.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers DescribeLiveStreamsOnlineList from the running tasks: a relayed stream (the
 * AppName and stream name of a task's RTMP destination) is online {@code onlineDelay}
 * after its task started, until the task ends or an operator marks it offline. The domain
 * is not compared: the emulator does not know which streaming domain serves which ingest
 * domain.
 */
final class OnlineStreams implements EmulatorState.TaskListener {

	static final String ACTION = "DescribeLiveStreamsOnlineList";

	private final Map<EmulatorState.TaskKey, Started> running = new HashMap<>();

	private final Set<EmulatorState.TaskKey> offline = new HashSet<>();

	private final Duration onlineDelay;

	private final Clock clock;

	OnlineStreams(Duration onlineDelay, Clock clock) {
		this.onlineDelay = onlineDelay;
		this.clock = clock;
	}

	private record Started(List<String> streamUrls, Instant at) {
	}

	@Override
	public synchronized void started(EmulatedTask task) {
		EmulatorState.TaskKey key = new EmulatorState.TaskKey(task.appId(), task.taskId());
		this.running.put(key, new Started(task.streamUrls(), this.clock.instant()));
		this.offline.remove(key);
	}

	@Override
	public synchronized void ended(EmulatedTask task, boolean byVendor) {
		this.running.remove(new EmulatorState.TaskKey(task.appId(), task.taskId()));
	}

	/** Marks a running task's stream offline (true) or back online (false). */
	synchronized boolean markOffline(String appId, String taskId, boolean isOffline) {
		EmulatorState.TaskKey key = new EmulatorState.TaskKey(appId, taskId);
		if (!this.running.containsKey(key)) {
			return false;
		}
		if (isOffline) {
			this.offline.add(key);
		}
		else {
			this.offline.remove(key);
		}
		return true;
	}

	synchronized void describe(Map<String, String> params, ObjectNode body) {
		TaskParamRules.required(params, "DomainName");
		String appName = params.get("AppName");
		String streamName = params.get("StreamName");
		Instant now = this.clock.instant();
		ArrayNode items = body.putObject("OnlineInfo").putArray("LiveStreamOnlineInfo");
		this.running.forEach((key, started) -> {
			if (this.offline.contains(key) || now.isBefore(started.at().plus(this.onlineDelay))) {
				return;
			}
			for (String url : started.streamUrls()) {
				String[] parts = appAndStream(url);
				if (parts != null && (appName == null || appName.equals(parts[0]))
						&& (streamName == null || streamName.equals(parts[1]))) {
					ObjectNode item = items.addObject();
					item.put("DomainName", params.get("DomainName"));
					item.put("AppName", parts[0]);
					item.put("StreamName", parts[1]);
					item.put("PublishTime", EventSubOperations.TIME.format(started.at()));
					item.put("PublishType", "edge");
				}
			}
		});
		body.put("TotalNum", items.size());
		body.put("PageNum", 1);
		body.put("PageSize", Math.max(items.size(), 1));
		body.put("TotalPage", 1);
	}

	/** {AppName, StreamName} of rtmp://host/app/stream[?query], or null. */
	static String[] appAndStream(String url) {
		try {
			String path = URI.create(url).getPath();
			String[] segments = (path == null) ? new String[0] : path.split("/");
			return segments.length == 3 ? new String[] { segments[1], segments[2] } : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
