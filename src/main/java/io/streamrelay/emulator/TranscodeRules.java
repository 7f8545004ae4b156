package io.streamrelay.emulator;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Validates TranscodeParams (users, layout, background, encoding) per
 * docs/aliyun-mpu-api.md §2.4.
 */
final class TranscodeRules {

	private static final String ENCODE = "TranscodeParams.EncodeParams.";

	// every field but VideoCodec and EnhancedParam is required unless AudioOnly is "true"
	// (§2.4)
	private static final List<String> REQUIRED_UNLESS_AUDIO_ONLY = List.of("AudioBitrate", "AudioChannels",
			"AudioSampleRate", "VideoBitrate", "VideoFramerate", "VideoGop", "VideoWidth", "VideoHeight");

	private TranscodeRules() {
	}

	static void transcodeParams(String text) {
		JsonNode params = JsonParams.parseObject("TranscodeParams", text);
		Set<String> users = userInfos(params);
		JsonParams.object(params, "Layout", "TranscodeParams.Layout").ifPresent((layout) -> layout(layout, users));
		JsonParams.object(params, "Background", "TranscodeParams.Background").ifPresent((background) -> {
			JsonParams.maxLength(background, "URL", "TranscodeParams.Background.URL", NestedParamRules.MAX_URL_LENGTH);
			JsonParams.oneOf(background, "RenderMode", "TranscodeParams.Background.RenderMode",
					NestedParamRules.ZERO_ONE);
		});
		JsonParams.object(params, "EncodeParams", "TranscodeParams.EncodeParams").ifPresent(TranscodeRules::encode);
		JsonParams.object(params, "EncodeParams", "TranscodeParams.EncodeParams")
			.filter((encode) -> "true".equals(encode.path("AudioOnly").asString("")))
			.ifPresent((encode) -> audioOnly(params, encode));
	}

	/**
	 * Audio-only mixing: the layout left empty, audio parameters only
	 * (docs/aliyun-mpu-api.md §9).
	 */
	private static void audioOnly(JsonNode params, JsonNode encode) {
		if (params.has("Layout")) {
			throw ApiError.invalidParam("TranscodeParams.Layout must be absent when AudioOnly is true.");
		}
		for (String field : List.of("VideoCodec", "VideoBitrate", "VideoFramerate", "VideoGop", "VideoWidth",
				"VideoHeight", "EnhancedParam")) {
			if (encode.has(field)) {
				throw ApiError.invalidParam(ENCODE + field + " must be absent when AudioOnly is true.");
			}
		}
	}

	/**
	 * Returns the subscribed user ids, or null when UserInfos is absent (all users are
	 * mixed).
	 */
	private static Set<String> userInfos(JsonNode params) {
		JsonNode infos = JsonParams.array(params, "UserInfos", "TranscodeParams.UserInfos").orElse(null);
		if (infos == null) {
			return null;
		}
		Set<String> users = new HashSet<>();
		for (JsonNode info : infos) {
			String path = "TranscodeParams.UserInfos.";
			users.add(JsonParams.requiredScalar(info, "UserId", path + "UserId"));
			JsonParams.oneOf(info, "StreamType", path + "StreamType", NestedParamRules.STREAM_TYPES);
			JsonParams.oneOf(info, "SourceType", path + "SourceType", NestedParamRules.SOURCE_TYPES);
		}
		return users;
	}

	private static void layout(JsonNode layout, Set<String> users) {
		// no pane-count limit: the new API documents none (9 is only inferred from SEI
		// paneid, §2.4)
		JsonNode panes = JsonParams.array(layout, "UserPanes", "TranscodeParams.Layout.UserPanes").orElse(null);
		if (panes == null) {
			return;
		}
		for (JsonNode pane : panes) {
			String path = "TranscodeParams.Layout.UserPanes.";
			fraction(pane, "X", path + "X", true);
			fraction(pane, "Y", path + "Y", true);
			fraction(pane, "Width", path + "Width", false);
			fraction(pane, "Height", path + "Height", false);
			JsonParams.integerIn(pane, "ZOrder", path + "ZOrder", 0, Integer.MAX_VALUE);
			JsonParams.oneOf(pane, "RenderMode", path + "RenderMode", NestedParamRules.ZERO_ONE);
			JsonParams.maxLength(pane, "BackgroundImageUrl", path + "BackgroundImageUrl",
					NestedParamRules.MAX_URL_LENGTH);
			JsonParams.object(pane, "UserInfo", path + "UserInfo").ifPresent((info) -> {
				String userId = JsonParams.requiredScalar(info, "UserId", path + "UserInfo.UserId");
				if (users != null && !users.contains(userId)) {
					throw ApiError.invalidParam(path + "UserInfo.UserId " + userId + " is not in UserInfos.");
				}
			});
		}
	}

	private static void fraction(JsonNode pane, String field, String path, boolean zeroAllowed) {
		JsonParams.number(pane, field, path).ifPresent((value) -> {
			boolean low = zeroAllowed ? value.signum() < 0 : value.signum() <= 0;
			if (low || value.compareTo(BigDecimal.ONE) > 0) {
				throw ApiError.invalidParam(path + " must be in " + (zeroAllowed ? "[0, 1]." : "(0, 1]."));
			}
		});
	}

	private static void encode(JsonNode encode) {
		JsonParams.oneOf(encode, "AudioOnly", ENCODE + "AudioOnly", Set.of("true", "false"));
		boolean audioOnly = JsonParams.scalar(encode, "AudioOnly", ENCODE + "AudioOnly").orElse("false").equals("true");
		if (!audioOnly) {
			REQUIRED_UNLESS_AUDIO_ONLY.forEach((field) -> JsonParams.requiredScalar(encode, field, ENCODE + field));
		}
		JsonParams.integerIn(encode, "AudioBitrate", ENCODE + "AudioBitrate", 8, 500);
		JsonParams.integerIn(encode, "AudioChannels", ENCODE + "AudioChannels", 1, 2);
		JsonParams.oneOf(encode, "AudioSampleRate", ENCODE + "AudioSampleRate",
				Set.of("8000", "16000", "32000", "44100", "48000"));
		JsonParams.oneOf(encode, "VideoCodec", ENCODE + "VideoCodec", Set.of("H.264", "H.265"));
		JsonParams.integerIn(encode, "VideoBitrate", ENCODE + "VideoBitrate", 1, 10000);
		JsonParams.integerIn(encode, "VideoFramerate", ENCODE + "VideoFramerate", 1, 60);
		JsonParams.integerIn(encode, "VideoGop", ENCODE + "VideoGop", 1, 60);
		JsonParams.integerIn(encode, "VideoWidth", ENCODE + "VideoWidth", 0, 1920);
		JsonParams.integerIn(encode, "VideoHeight", ENCODE + "VideoHeight", 0, 1920);
		// EnhancedParam is JSON inside a JSON string (§2.4)
		JsonParams.scalar(encode, "EnhancedParam", ENCODE + "EnhancedParam")
			.ifPresent((text) -> JsonParams.parseObject(ENCODE + "EnhancedParam", text));
	}

}
