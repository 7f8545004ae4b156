package io.streamrelay.upstream.aliyun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import io.streamrelay.relaytask.spec.Background;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SingleSource;

import static io.streamrelay.upstream.aliyun.WireValues.crossChannel;
import static io.streamrelay.upstream.aliyun.WireValues.decimal;
import static io.streamrelay.upstream.aliyun.WireValues.flag;
import static io.streamrelay.upstream.aliyun.WireValues.paneChannel;
import static io.streamrelay.upstream.aliyun.WireValues.renderMode;
import static io.streamrelay.upstream.aliyun.WireValues.sourceType;
import static io.streamrelay.upstream.aliyun.WireValues.streamType;
import static io.streamrelay.upstream.aliyun.WireValues.text;

/**
 * The JSON-string parameters shared by StartLiveMPUTask and UpdateLiveMPUTask, mapped
 * once from core values.
 * <p>
 * The SDK's typed setters store {@code new Gson().toJson(nested)} as one query parameter
 * (docs/aliyun-mpu-api.md §1.2). These maps hold the same keys in the SDK classes' field
 * order and go through a default Gson too (null values omitted, {@code = & ' < >}
 * HTML-escaped), so the text on the wire is the one the setters produced.
 */
final class NestedParams {

	private static final Gson GSON = new Gson();

	private NestedParams() {
	}

	static String json(Object params) {
		return GSON.toJson(params);
	}

	static Map<String, Object> single(SingleSource source) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("StreamType", streamType(source.streamType()));
		params.put("SourceType", sourceType(source.sourceType()));
		params.put("UserId", source.userId());
		return params;
	}

	static Map<String, Object> transcode(MixedSpec mixed, String channelId) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("Layout", mixed.panes().isEmpty() ? null : layout(mixed, channelId));
		params.put("Background", mixed.background() == null ? null : background(mixed.background()));
		params.put("UserInfos", mixed.users().isEmpty() ? null : users(mixed.users(), channelId));
		params.put("EncodeParams", mixed.encode() == null ? null : encode(mixed.encode()));
		return params;
	}

	/** Start only: the vendor fixes the SEI payload type when the task starts. */
	static Map<String, Object> sei(SeiSettings sei, boolean withPayloadType) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("PayloadType", withPayloadType ? payloadType(sei.payloadType()) : null);
		if (sei.layoutVolume() != null) {
			Map<String, Object> layoutVolume = new LinkedHashMap<>();
			// neither an interval nor IDR frames: an empty LayoutVolume, the vendor's
			// default layout/volume SEI (docs/aliyun-mpu-api.md §2.5, §9)
			if (sei.layoutVolume().intervalMs() != null || sei.layoutVolume().followIdr()) {
				layoutVolume.put("FollowIdr", flag(sei.layoutVolume().followIdr()));
				layoutVolume.put("Interval", text(sei.layoutVolume().intervalMs()));
			}
			params.put("LayoutVolume", layoutVolume);
		}
		if (sei.passThrough() != null) {
			Map<String, Object> passThrough = new LinkedHashMap<>();
			passThrough.put("FollowIdr", flag(sei.passThrough().followIdr()));
			passThrough.put("PayloadContentKey", sei.passThrough().contentKey());
			passThrough.put("PayloadContent", sei.passThrough().content());
			passThrough.put("Interval", text(sei.passThrough().intervalMs()));
			params.put("PassThrough", passThrough);
		}
		return params;
	}

	/**
	 * 5 is what the vendor uses when PayloadType is omitted; only 100-254 are documented
	 * as values to send (docs/aliyun-mpu-api.md §2.5, §9), so 5 is never sent.
	 */
	private static String payloadType(Integer payloadType) {
		return payloadType == null || payloadType == 5 ? null : text(payloadType);
	}

	static List<Map<String, Object>> destinations(List<String> urls) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (String url : urls) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("IsAliCdn", false);
			item.put("URL", url);
			items.add(item);
		}
		return items;
	}

	private static List<Map<String, Object>> users(List<MixedUser> users, String channelId) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (MixedUser user : users) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("StreamType", streamType(user.streamType()));
			item.put("SourceType", sourceType(user.sourceType()));
			item.put("UserId", user.userId());
			item.put("ChannelId", crossChannel(user.channelId(), channelId));
			items.add(item);
		}
		return items;
	}

	private static Map<String, Object> layout(MixedSpec mixed, String channelId) {
		List<Map<String, Object>> panes = new ArrayList<>();
		for (Pane pane : mixed.panes()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("BackgroundImageUrl", pane.backgroundImageUrl());
			item.put("ZOrder", Integer.toString(pane.zOrder()));
			item.put("Width", decimal(pane.width()));
			item.put("X", decimal(pane.x()));
			item.put("Y", decimal(pane.y()));
			if (pane.userId() != null) {
				Map<String, Object> user = new LinkedHashMap<>();
				user.put("SourceType", sourceType(pane.sourceType()));
				user.put("UserId", pane.userId());
				user.put("ChannelId", paneChannel(mixed, pane.userId(), channelId));
				item.put("UserInfo", user);
			}
			item.put("RenderMode", renderMode(pane.renderMode()));
			item.put("Height", decimal(pane.height()));
			panes.add(item);
		}
		return Map.of("UserPanes", panes);
	}

	private static Map<String, Object> background(Background background) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("RenderMode", renderMode(background.renderMode()));
		params.put("URL", background.url());
		return params;
	}

	private static Map<String, Object> encode(Encode encode) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("AudioOnly", Boolean.toString(encode.audioOnly()));
		params.put("VideoWidth", text(encode.videoWidth()));
		params.put("AudioBitrate", text(encode.audioBitrate()));
		// audio-only mixing sends audio parameters only (docs/aliyun-mpu-api.md §9)
		params.put("EnhancedParam", encode.audioOnly() ? null : WireValues.enhancedParam(encode));
		params.put("VideoFramerate", text(encode.videoFramerate()));
		params.put("VideoHeight", text(encode.videoHeight()));
		params.put("AudioSampleRate", text(encode.audioSampleRate()));
		params.put("VideoBitrate", text(encode.videoBitrate()));
		params.put("VideoCodec", encode.audioOnly() ? null : encode.videoCodec());
		params.put("AudioChannels", text(encode.audioChannels()));
		params.put("VideoGop", text(encode.videoGop()));
		return params;
	}

}
