package io.streamrelay.upstream.aliyun;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RenderMode;
import io.streamrelay.relaytask.spec.SourceType;
import io.streamrelay.relaytask.spec.StreamType;
import tools.jackson.databind.json.JsonMapper;

/** The vendor's string encodings of core values (docs/aliyun-mpu-api.md §2.3-2.5). */
final class WireValues {

	private WireValues() {
	}

	static String mixMode(RelayMode mode) {
		return mode == RelayMode.SINGLE ? "0" : "1";
	}

	static String streamType(StreamType type) {
		return switch (type) {
			case AUDIO_VIDEO -> "0";
			case AUDIO -> "1";
			case VIDEO -> "2";
		};
	}

	static String sourceType(SourceType type) {
		return type == SourceType.SCREEN ? "shareScreen" : "camera";
	}

	static String renderMode(RenderMode mode) {
		return mode == RenderMode.FIT ? "0" : "1";
	}

	static String flag(boolean value) {
		return value ? "1" : "0";
	}

	static String text(Integer value) {
		return value == null ? null : value.toString();
	}

	/**
	 * Shortest decimal that parses back to the same double: 0.5 stays "0.5", 1.0 becomes
	 * "1".
	 */
	static String decimal(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	/**
	 * The vendor wants profile/preset as a JSON document inside a JSON string, or nothing
	 * at all.
	 */
	static String enhancedParam(Encode encode) {
		if (encode.profile() == null && encode.preset() == null) {
			return null;
		}
		Map<String, String> param = new LinkedHashMap<>();
		if (encode.profile() != null) {
			param.put("profile", encode.profile());
		}
		if (encode.preset() != null) {
			param.put("preset", encode.preset());
		}
		return JsonMapper.shared().writeValueAsString(param);
	}

	/**
	 * A user in another channel must carry its channel; for the task's own channel it is
	 * left out.
	 */
	static String crossChannel(String userChannelId, String taskChannelId) {
		return userChannelId == null || userChannelId.equals(taskChannelId) ? null : userChannelId;
	}

	/** A pane's user lives in the channel its entry in the user list names. */
	static String paneChannel(MixedSpec mixed, String userId, String taskChannelId) {
		return mixed.users()
			.stream()
			.filter(user -> user.userId().equals(userId))
			.map(user -> crossChannel(user.channelId(), taskChannelId))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}
