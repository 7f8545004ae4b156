package io.streamrelay.relaytask.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.streamrelay.relaytask.spec.Background;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.RenderMode;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SeiSettings.PassThrough;
import io.streamrelay.relaytask.spec.SeiSettings.SeiTiming;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.SourceType;
import io.streamrelay.relaytask.spec.StreamType;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.TaskError;
import io.streamrelay.relaytask.task.TaskOrigin;

/**
 * Specs, tasks and events covering every part of the model, for the persistence tests.
 */
final class RelayTaskFixtures {

	/** PostgreSQL keeps microseconds, so tests compare instants of that precision. */
	static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

	static final String AUTH_DESTINATION = "rtmp://push.example.com/live/ch1_u1_camera"
			+ "?auth_key=1700000000-0-0-0f1e2d3c4b5a69788796a5b4c3d2e1f0";

	private RelayTaskFixtures() {
	}

	static RelaySpec singleSpec(String channelId) {
		return new RelaySpec(channelId, RelayMode.SINGLE, new SingleSource("u1", StreamType.VIDEO, SourceType.SCREEN),
				null, List.of(AUTH_DESTINATION), null, 120, "cn-shanghai");
	}

	static RelaySpec mixedSpec(String channelId) {
		MixedSpec mixed = new MixedSpec(
				List.of(new MixedUser("u1", StreamType.AUDIO_VIDEO, SourceType.CAMERA, null),
						new MixedUser("u2", StreamType.AUDIO, SourceType.SCREEN, "other-channel")),
				List.of(new Pane(0, 0, 0.5, 1, 0, RenderMode.FIT, "u1", SourceType.CAMERA, null),
						new Pane(0.5, 0.1, 0.5, 0.333333333333, 1, RenderMode.CROP, null, null,
								"https://img.example.com/pane.png?x=1&y=2")),
				new Background("https://img.example.com/bg.jpg", RenderMode.FIT),
				new Encode(false, 96, 1, 48000, Encode.H265, 1500, 30, 60, 1920, 1080, "main", "veryfast"));
		SeiSettings sei = new SeiSettings(100, new SeiTiming(2000, true),
				new PassThrough(null, true, "{\"scene\":\"pk\",\"note\":\"quotes \\\" and ünïcode\"}", "udd"));
		return new RelaySpec(channelId, RelayMode.MIXED, null, mixed,
				List.of(AUTH_DESTINATION, "rtmp://backup.example.com/live/ch1?auth_key=1-0-0-abc&token=x%2By"), sei,
				null, null);
	}

	static RelayTask activeTask(String appId, String taskId, RelaySpec spec) {
		Instant now = CLOCK.instant();
		return new RelayTask(appId, taskId, spec, null, RelayTaskState.ACTIVE, TaskOrigin.API, 1, now, now, null,
				false);
	}

	/**
	 * A task with every optional field set: pending spec, last error, adopted origin,
	 * unknown outcome.
	 */
	static RelayTask updatingTaskWithError(String appId, String taskId) {
		Instant created = CLOCK.instant().minusSeconds(3600);
		TaskError error = new TaskError("Throttling.User", "Request was denied due to user flow control.",
				"5F8E2C1A-0B7D-4E3F-9A6B-1C2D3E4F5A6B", CLOCK.instant().minusSeconds(5));
		return new RelayTask(appId, taskId, singleSpec("ch1"), mixedSpec("ch1"), RelayTaskState.UPDATING,
				TaskOrigin.ADOPTED, 7, created, CLOCK.instant(), error, true);
	}

	static RelayTask next(RelayTask task, RelayTaskState state) {
		return new RelayTask(task.appId(), task.taskId(), task.spec(), null, state, task.origin(), task.version() + 1,
				task.createdAt(), CLOCK.instant(), null, false);
	}

	static RelayTaskEvent event(RelayTask task, Action action, Outcome outcome, String detail) {
		return new RelayTaskEvent(task.appId(), task.taskId(), CLOCK.instant(), action, outcome, "req-" + detail,
				(outcome == Outcome.SUCCEEDED) ? null : "InvalidParam", detail, task.state());
	}

}
