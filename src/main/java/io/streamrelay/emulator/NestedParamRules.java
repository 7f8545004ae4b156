package io.streamrelay.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Validates SingleSubParams, SeiParams and MultiStreamURL per docs/aliyun-mpu-api.md
 * §2.3, §2.5 and §2.1.
 */
final class NestedParamRules {

	static final int MAX_URL_LENGTH = 2048;

	static final Set<String> STREAM_TYPES = Set.of("0", "1", "2");

	static final Set<String> SOURCE_TYPES = Set.of("camera", "shareScreen");

	static final Set<String> ZERO_ONE = Set.of("0", "1");

	private NestedParamRules() {
	}

	static void singleSubParams(String text) {
		JsonNode params = JsonParams.parseObject("SingleSubParams", text);
		JsonParams.requiredScalar(params, "UserId", "SingleSubParams.UserId");
		JsonParams.oneOf(params, "StreamType", "SingleSubParams.StreamType", STREAM_TYPES);
		JsonParams.oneOf(params, "SourceType", "SingleSubParams.SourceType", SOURCE_TYPES);
		JsonParams.array(params, "MixAudioUserIds", "SingleSubParams.MixAudioUserIds").ifPresent((ids) -> {
			for (JsonNode id : ids) {
				if (!id.isString()) {
					throw ApiError.invalidParam("SingleSubParams.MixAudioUserIds must hold strings.");
				}
			}
		});
	}

	static void seiParams(String text, boolean start) {
		JsonNode params = JsonParams.parseObject("SeiParams", text);
		JsonParams.number(params, "PayloadType", "SeiParams.PayloadType").ifPresent((type) -> {
			boolean custom = type.compareTo(BigDecimal.valueOf(100)) >= 0
					&& type.compareTo(BigDecimal.valueOf(254)) <= 0;
			// only 100-254 are documented values; 5 is the default when omitted
			// (docs/aliyun-mpu-api.md §2.5, §9)
			if (type.stripTrailingZeros().scale() > 0 || !custom) {
				throw ApiError
					.invalidParam("SeiParams.PayloadType must be in [100, 254]; omit it for the default (5).");
			}
			if (!start) {
				throw ApiError.invalidParam("SeiParams.PayloadType can only be set by StartLiveMPUTask.");
			}
		});
		JsonParams.object(params, "LayoutVolume", "SeiParams.LayoutVolume")
			.ifPresent((layout) -> seiTiming(layout, "SeiParams.LayoutVolume"));
		JsonParams.object(params, "PassThrough", "SeiParams.PassThrough").ifPresent((pass) -> {
			seiTiming(pass, "SeiParams.PassThrough");
			JsonParams.scalar(pass, "PayloadContent", "SeiParams.PassThrough.PayloadContent");
			JsonParams.scalar(pass, "PayloadContentKey", "SeiParams.PassThrough.PayloadContentKey");
		});
	}

	private static void seiTiming(JsonNode node, String path) {
		JsonParams.integerIn(node, "Interval", path + ".Interval", 1000, 5000);
		JsonParams.oneOf(node, "FollowIdr", path + ".FollowIdr", ZERO_ONE);
	}

	/** Validates a MultiStreamURL array and returns its URLs. */
	static List<String> multiStreamUrls(String text) {
		JsonNode items = JsonParams.parse("MultiStreamURL", text);
		if (!items.isArray() || items.isEmpty()) {
			throw ApiError.invalidParam("MultiStreamURL must be a non-empty JSON array.");
		}
		List<String> urls = new ArrayList<>();
		for (JsonNode item : items) {
			if (!item.isObject()) {
				throw ApiError.invalidParam("MultiStreamURL items must be JSON objects.");
			}
			String url = JsonParams.requiredScalar(item, "URL", "MultiStreamURL.URL");
			rtmpUrl("MultiStreamURL.URL", url);
			JsonParams.oneOf(item, "IsAliCdn", "MultiStreamURL.IsAliCdn", Set.of("true", "false"));
			urls.add(url);
		}
		if (new HashSet<>(urls).size() != urls.size()) {
			throw ApiError.invalidParam("MultiStreamURL contains the same URL twice.");
		}
		return urls;
	}

	static void rtmpUrl(String name, String url) {
		if (!url.regionMatches(true, 0, "rtmp://", 0, 7) || url.length() <= 7) {
			throw ApiError.invalidParam(name + " must be an rtmp:// URL.");
		}
		if (url.length() > MAX_URL_LENGTH) {
			throw ApiError.invalidParam(name + " must be at most " + MAX_URL_LENGTH + " characters.");
		}
	}

}
