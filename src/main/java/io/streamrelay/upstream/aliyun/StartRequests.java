package io.streamrelay.upstream.aliyun;

import java.util.ArrayList;
import java.util.List;

import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.MultiStreamURL;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.SeiParams;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.SingleSubParams;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.TranscodeParams;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.TranscodeParams.Layout;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.TranscodeParams.Layout.UserPanesItem;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.TranscodeParams.UserInfosItem;

import io.streamrelay.relaytask.Background;
import io.streamrelay.relaytask.Encode;
import io.streamrelay.relaytask.MixedSpec;
import io.streamrelay.relaytask.MixedUser;
import io.streamrelay.relaytask.Pane;
import io.streamrelay.relaytask.RelayMode;
import io.streamrelay.relaytask.RelaySpec;
import io.streamrelay.relaytask.SeiSettings;
import io.streamrelay.relaytask.SingleSource;

import static io.streamrelay.upstream.aliyun.WireValues.crossChannel;
import static io.streamrelay.upstream.aliyun.WireValues.decimal;
import static io.streamrelay.upstream.aliyun.WireValues.flag;
import static io.streamrelay.upstream.aliyun.WireValues.paneChannel;
import static io.streamrelay.upstream.aliyun.WireValues.renderMode;
import static io.streamrelay.upstream.aliyun.WireValues.sourceType;
import static io.streamrelay.upstream.aliyun.WireValues.streamType;
import static io.streamrelay.upstream.aliyun.WireValues.text;

/**
 * Maps a {@link RelaySpec} to a StartLiveMPUTask request; {@link UpdateRequests} is its twin for the
 * SDK's separate (structurally identical) Update classes.
 */
final class StartRequests {

	private StartRequests() {
	}

	static StartLiveMPUTaskRequest of(String appId, String taskId, RelaySpec spec) {
		StartLiveMPUTaskRequest request = new StartLiveMPUTaskRequest();
		request.setAppId(appId);
		request.setChannelId(spec.channelId());
		request.setTaskId(taskId);
		request.setMixMode(WireValues.mixMode(spec.mode()));
		// The nested setters serialize to JSON at call time (docs/aliyun-mpu-api.md §1.2): pass finished graphs.
		if (spec.mode() == RelayMode.SINGLE) {
			request.setSingleSubParams(single(spec.single()));
		}
		else {
			request.setTranscodeParams(transcode(spec.mixed(), spec.channelId()));
		}
		if (spec.destinations().size() == 1) {
			request.setStreamURL(spec.destinations().get(0));
		}
		else if (!spec.destinations().isEmpty()) {
			request.setMultiStreamURL(destinations(spec.destinations()));
		}
		if (spec.sei() != null) {
			request.setSeiParams(sei(spec.sei()));
		}
		request.setMaxIdleTime(text(spec.maxIdleSeconds()));
		request.setRegion(spec.region());
		return request;
	}

	private static SingleSubParams single(SingleSource source) {
		SingleSubParams params = new SingleSubParams();
		params.setUserId(source.userId());
		params.setStreamType(streamType(source.streamType()));
		params.setSourceType(sourceType(source.sourceType()));
		return params;
	}

	private static TranscodeParams transcode(MixedSpec mixed, String channelId) {
		TranscodeParams params = new TranscodeParams();
		if (!mixed.users().isEmpty()) {
			List<UserInfosItem> users = new ArrayList<>();
			for (MixedUser user : mixed.users()) {
				UserInfosItem item = new UserInfosItem();
				item.setUserId(user.userId());
				item.setStreamType(streamType(user.streamType()));
				item.setSourceType(sourceType(user.sourceType()));
				item.setChannelId(crossChannel(user.channelId(), channelId));
				users.add(item);
			}
			params.setUserInfos(users);
		}
		if (!mixed.panes().isEmpty()) {
			params.setLayout(layout(mixed, channelId));
		}
		if (mixed.background() != null) {
			params.setBackground(background(mixed.background()));
		}
		if (mixed.encode() != null) {
			params.setEncodeParams(encode(mixed.encode()));
		}
		return params;
	}

	private static Layout layout(MixedSpec mixed, String channelId) {
		List<UserPanesItem> panes = new ArrayList<>();
		for (Pane pane : mixed.panes()) {
			UserPanesItem item = new UserPanesItem();
			item.setX(decimal(pane.x()));
			item.setY(decimal(pane.y()));
			item.setWidth(decimal(pane.width()));
			item.setHeight(decimal(pane.height()));
			item.setZOrder(Integer.toString(pane.zOrder()));
			item.setRenderMode(renderMode(pane.renderMode()));
			item.setBackgroundImageUrl(pane.backgroundImageUrl());
			if (pane.userId() != null) {
				UserPanesItem.UserInfo user = new UserPanesItem.UserInfo();
				user.setUserId(pane.userId());
				user.setSourceType(sourceType(pane.sourceType()));
				user.setChannelId(paneChannel(mixed, pane.userId(), channelId));
				item.setUserInfo(user);
			}
			panes.add(item);
		}
		Layout layout = new Layout();
		layout.setUserPanes(panes);
		return layout;
	}

	private static TranscodeParams.Background background(Background background) {
		TranscodeParams.Background params = new TranscodeParams.Background();
		params.setURL(background.url());
		params.setRenderMode(renderMode(background.renderMode()));
		return params;
	}

	private static TranscodeParams.EncodeParams encode(Encode encode) {
		TranscodeParams.EncodeParams params = new TranscodeParams.EncodeParams();
		params.setAudioOnly(Boolean.toString(encode.audioOnly()));
		params.setAudioBitrate(text(encode.audioBitrate()));
		params.setAudioChannels(text(encode.audioChannels()));
		params.setAudioSampleRate(text(encode.audioSampleRate()));
		params.setVideoCodec(encode.videoCodec());
		params.setVideoBitrate(text(encode.videoBitrate()));
		params.setVideoFramerate(text(encode.videoFramerate()));
		params.setVideoGop(text(encode.videoGop()));
		params.setVideoWidth(text(encode.videoWidth()));
		params.setVideoHeight(text(encode.videoHeight()));
		params.setEnhancedParam(WireValues.enhancedParam(encode));
		return params;
	}

	private static List<MultiStreamURL> destinations(List<String> urls) {
		List<MultiStreamURL> items = new ArrayList<>();
		for (String url : urls) {
			MultiStreamURL item = new MultiStreamURL();
			item.setURL(url);
			item.setIsAliCdn(false);
			items.add(item);
		}
		return items;
	}

	private static SeiParams sei(SeiSettings sei) {
		SeiParams params = new SeiParams();
		params.setPayloadType(text(sei.payloadType()));
		if (sei.layoutVolume() != null) {
			SeiParams.LayoutVolume layoutVolume = new SeiParams.LayoutVolume();
			layoutVolume.setInterval(text(sei.layoutVolume().intervalMs()));
			layoutVolume.setFollowIdr(flag(sei.layoutVolume().followIdr()));
			params.setLayoutVolume(layoutVolume);
		}
		if (sei.passThrough() != null) {
			SeiParams.PassThrough passThrough = new SeiParams.PassThrough();
			passThrough.setInterval(text(sei.passThrough().intervalMs()));
			passThrough.setFollowIdr(flag(sei.passThrough().followIdr()));
			passThrough.setPayloadContent(sei.passThrough().content());
			passThrough.setPayloadContentKey(sei.passThrough().contentKey());
			params.setPassThrough(passThrough);
		}
		return params;
	}

}
