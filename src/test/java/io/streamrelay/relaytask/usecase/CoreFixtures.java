package io.streamrelay.relaytask.usecase;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SingleSource;

/** Apps, specs and a fixed instant shared by the core's use-case and reconciler tests. */
public final class CoreFixtures {

	public static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

	public static final String APP = "app1";

	public static final SeiSettings APP_SEI = new SeiSettings(null, new SeiSettings.SeiTiming(2000, true), null);

	/** app1 inserts SEI by default; app2 inserts none. */
	public static final class FakeApps implements RelayApps {

		@Override
		public Optional<RelayApp> find(String appId) {
			return switch (appId) {
				case "app1" -> Optional.of(new FakeApp("app1", APP_SEI));
				case "app2" -> Optional.of(new FakeApp("app2", null));
				default -> Optional.empty();
			};
		}

	}

	public record FakeApp(String appId, SeiSettings defaultSei) implements RelayApps.RelayApp {

		@Override
		public String defaultDestination(String channelId, String anchorUserId) {
			return "rtmp://push.test/live/" + appId + "_" + channelId + "_" + anchorUserId + "_camera";
		}

	}

	public static RelaySpec single(String channelId, String userId) {
		return new RelaySpec(channelId, RelayMode.SINGLE, new SingleSource(userId, null, null), null, null, null, null,
				null);
	}

	public static RelaySpec mixed(String channelId, Encode encode, String... userIds) {
		List<MixedUser> users = Stream.of(userIds).map((u) -> new MixedUser(u, null, null, null)).toList();
		List<Pane> panes = List.of(new Pane(0, 0, 1, 1, 0, null, userIds[0], null, null));
		return new RelaySpec(channelId, RelayMode.MIXED, null, new MixedSpec(users, panes, null, encode), null, null,
				null, null);
	}

	public static String defaultId(String channelId, String userId) {
		return MpuTaskIds.of(APP, channelId, userId);
	}

	private CoreFixtures() {
	}

}
