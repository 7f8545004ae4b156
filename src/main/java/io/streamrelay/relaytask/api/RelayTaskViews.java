package io.streamrelay.relaytask.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.streamrelay.apps.ConfiguredApp;
import io.streamrelay.apps.ConfiguredRelayApps;
import io.streamrelay.relaycheck.RelayTargets;
import io.streamrelay.relaytask.relaycheck.RelayChecks;
import io.streamrelay.relaytask.reconciliation.MaxDurations;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;

import org.springframework.stereotype.Component;

/**
 * Builds task responses: redacted destinations and playback URLs on the app's streaming
 * domain.
 */
@Component
class RelayTaskViews {

	private final ConfiguredRelayApps apps;

	private final RelayTargets relayTargets;

	private final RelayChecks relayChecks;

	private final RelayTasks tasks;

	private final MaxDurations limits;

	RelayTaskViews(ConfiguredRelayApps apps, RelayTargets relayTargets, RelayChecks relayChecks, RelayTasks tasks,
			MaxDurations limits) {
		this.apps = apps;
		this.relayTargets = relayTargets;
		this.relayChecks = relayChecks;
		this.tasks = tasks;
		this.limits = limits;
	}

	RelayTaskResponse of(RelayTask task) {
		ConfiguredApp app = this.apps.app(task.appId()).orElseThrow(() -> new UnknownApp(task.appId()));
		List<String> redacted = task.spec().destinations().stream().map(app::redact).toList();
		ConfiguredApp.Playback playback = task.spec()
			.destinations()
			.stream()
			.map(app::playback)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
		RelayTaskResponse.LastError lastError = task.lastError() == null ? null
				: new RelayTaskResponse.LastError(task.lastError().code(), task.lastError().message(),
						task.lastError().upstreamRequestId(), task.lastError().at());
		return new RelayTaskResponse(task.appId(), task.taskId(), task.channelId(), word(task.mode()),
				word(task.state()), task.state().isTransitional() ? task.outcomeUnknown() : null, word(task.origin()),
				SpecMapper.toBody(task.spec(), redacted, ConfiguredApp::redactImage), redacted, playback,
				task.createdAt(), task.updatedAt(), stopsAt(task), task.version(), lastError, relay(task));
	}

	private RelayTaskResponse.Relay relay(RelayTask task) {
		if (this.relayTargets.apply(task).isEmpty()) {
			return null;
		}
		if (task.state() != RelayTaskState.ACTIVE) {
			// a check is shown for a running relay only: no read for the others
			return new RelayTaskResponse.Relay(null, null, null);
		}
		return this.relayChecks.find(task.appId(), task.taskId())
			.map((check) -> new RelayTaskResponse.Relay(check.online(), check.checkedAt(), check.since()))
			.orElse(new RelayTaskResponse.Relay(null, null, null));
	}

	/**
	 * Read only for a task with a limit (its own or its app's) that the vendor may run.
	 */
	private Instant stopsAt(RelayTask task) {
		if (this.limits.of(task.appId(), task.spec()).isEmpty() || !task.state().mayBeRunning()) {
			return null;
		}
		return this.limits.stopsAt(task.appId(), task.spec(), this.tasks.runningSince(task.appId(), task.taskId()))
			.orElse(null);
	}

	private static String word(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
