package io.streamrelay.upstream.aliyun;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.streamrelay.relaytask.spec.Background;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.RenderMode;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.SourceType;
import io.streamrelay.relaytask.spec.StreamType;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.streamrelay.upstream.aliyun.WireMockVendor.json;
import static io.streamrelay.upstream.aliyun.WireMockVendor.param;
import static org.assertj.core.api.Assertions.assertThat;

class AliyunLiveRelayGatewayRequestTest {

	private static final String PUSH = "rtmp://push.example.com/live/s1?auth_key=1-0-0-abc";

	private final WireMockVendor vendor = new WireMockVendor();

	@AfterEach
	void stopVendor() {
		this.vendor.close();
	}

	@Test
	void startsSingleStreamRelayWithOneStreamUrlAndStringCodes() {
		this.vendor.answer("StartLiveMPUTask", "{\"RequestId\":\"req-start-1\"}");
		RelaySpec spec = new RelaySpec("ch1", RelayMode.SINGLE,
				new SingleSource("u1", StreamType.VIDEO, SourceType.SCREEN), null, List.of(PUSH), null, 30,
				"CN-Shanghai");

		var receipt = this.vendor.gateway.start("app1", "task-1", spec);

		assertThat(receipt.requestId()).isEqualTo("req-start-1");
		this.vendor.server
			.verify(postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo("StartLiveMPUTask"))
				.withQueryParam("AppId", equalTo("app1"))
				.withQueryParam("ChannelId", equalTo("ch1"))
				.withQueryParam("TaskId", equalTo("task-1"))
				.withQueryParam("MixMode", equalTo("0"))
				.withQueryParam("StreamURL", equalTo(PUSH))
				.withQueryParam("MaxIdleTime", equalTo("30"))
				.withQueryParam("Region", equalTo("CN-Shanghai")));
		LoggedRequest request = this.vendor.received("StartLiveMPUTask");
		JsonNode single = json(request, "SingleSubParams");
		assertThat(single.get("UserId").stringValue()).isEqualTo("u1");
		assertThat(single.get("StreamType").stringValue()).isEqualTo("2");
		assertThat(single.get("SourceType").stringValue()).isEqualTo("shareScreen");
		assertThat(param(request, "TranscodeParams")).isNull();
		assertThat(param(request, "MultiStreamURL")).isNull();
		assertThat(param(request, "SeiParams")).isNull();
	}

	@Test
	void startsMixedRelayWithFullLayoutEncodeAndSei() {
		this.vendor.answer("StartLiveMPUTask", "{\"RequestId\":\"req-start-2\"}");

		this.vendor.gateway.start("app1", "task-2", mixedSpec(new SeiSettings(100,
				new SeiSettings.SeiTiming(1000, true), new SeiSettings.PassThrough(2000, false, "hello", "udd"))));

		LoggedRequest request = this.vendor.received("StartLiveMPUTask");
		assertThat(param(request, "MixMode")).isEqualTo("1");
		assertThat(param(request, "SingleSubParams")).isNull();
		assertThat(param(request, "StreamURL")).isNull();
		assertThat(param(request, "MaxIdleTime")).isNull();
		JsonNode transcode = json(request, "TranscodeParams");
		assertMixedTranscode(transcode);
		JsonNode sei = json(request, "SeiParams");
		assertThat(sei.get("PayloadType").stringValue()).isEqualTo("100");
		assertThat(sei.at("/LayoutVolume/Interval").stringValue()).isEqualTo("1000");
		assertThat(sei.at("/LayoutVolume/FollowIdr").stringValue()).isEqualTo("1");
		assertThat(sei.at("/PassThrough/Interval").stringValue()).isEqualTo("2000");
		assertThat(sei.at("/PassThrough/FollowIdr").stringValue()).isEqualTo("0");
		assertThat(sei.at("/PassThrough/PayloadContent").stringValue()).isEqualTo("hello");
		assertThat(sei.at("/PassThrough/PayloadContentKey").stringValue()).isEqualTo("udd");
		JsonNode urls = json(request, "MultiStreamURL");
		assertThat(urls).hasSize(2);
		assertThat(urls.get(0).get("URL").stringValue()).isEqualTo(PUSH);
		assertThat(urls.get(1).get("URL").stringValue()).isEqualTo("rtmp://backup.example.com/live/s1");
		assertThat(urls.get(0).get("IsAliCdn").isBoolean()).isTrue();
		assertThat(urls.get(0).get("IsAliCdn").booleanValue()).isFalse();
	}

	@Test
	void updatesWithoutStartOnlyParameters() {
		this.vendor.answer("UpdateLiveMPUTask", "{\"RequestId\":\"req-update\"}");
		RelaySpec spec = mixedSpec(new SeiSettings(100, new SeiSettings.SeiTiming(3000, false), null));

		var receipt = this.vendor.gateway.update("app1", "task-2", spec);

		assertThat(receipt.requestId()).isEqualTo("req-update");
		LoggedRequest request = this.vendor.received("UpdateLiveMPUTask");
		assertThat(param(request, "AppId")).isEqualTo("app1");
		assertThat(param(request, "ChannelId")).isEqualTo("ch1");
		assertThat(param(request, "TaskId")).isEqualTo("task-2");
		assertThat(param(request, "MixMode")).isEqualTo("1");
		assertThat(param(request, "MaxIdleTime")).isNull();
		assertThat(param(request, "Region")).isNull();
		assertMixedTranscode(json(request, "TranscodeParams"));
		JsonNode sei = json(request, "SeiParams");
		assertThat(sei.has("PayloadType")).isFalse();
		assertThat(sei.at("/LayoutVolume/Interval").stringValue()).isEqualTo("3000");
		assertThat(sei.at("/LayoutVolume/FollowIdr").stringValue()).isEqualTo("0");
		assertThat(sei.has("PassThrough")).isFalse();
	}

	@Test
	void omitsLayoutWhenNoPanesAndEnhancedParamWhenNoProfileOrPreset() {
		this.vendor.answer("StartLiveMPUTask", "{\"RequestId\":\"req\"}");
		MixedSpec mixed = new MixedSpec(List.of(), List.of(), null, Encode.defaults());

		this.vendor.gateway.start("app1", "task-3",
				new RelaySpec("ch1", RelayMode.MIXED, null, mixed, List.of(PUSH), null, null, null));

		JsonNode transcode = json(this.vendor.received("StartLiveMPUTask"), "TranscodeParams");
		assertThat(transcode.has("Layout")).isFalse();
		assertThat(transcode.has("UserInfos")).isFalse();
		assertThat(transcode.has("Background")).isFalse();
		assertThat(transcode.at("/EncodeParams/AudioOnly").stringValue()).isEqualTo("false");
		assertThat(transcode.at("/EncodeParams/VideoWidth").stringValue()).isEqualTo("1280");
		assertThat(transcode.get("EncodeParams").has("EnhancedParam")).isFalse();
	}

	@Test
	void stopsByAppAndTask() {
		this.vendor.answer("StopLiveMPUTask", "{\"RequestId\":\"req-stop\"}");

		var receipt = this.vendor.gateway.stop("app1", "task-1");

		assertThat(receipt.requestId()).isEqualTo("req-stop");
		LoggedRequest request = this.vendor.received("StopLiveMPUTask");
		assertThat(param(request, "AppId")).isEqualTo("app1");
		assertThat(param(request, "TaskId")).isEqualTo("task-1");
		assertThat(param(request, "Version")).isEqualTo("2016-11-01");
		assertThat(param(request, "AccessKeyId")).isEqualTo("testid");
	}

	@Test
	void describesTaskTheVendorRuns() {
		this.vendor.answer("ListRtcMPUTaskDetail", """
				{"RequestId":"req-list","MPUTasks":[{"AppId":"app1","ChannelId":"ch1","TaskId":"task-1",
				 "MixMode":"0","StreamURL":"rtmp://x","SingleSubParams":{"UserId":"u1","StreamType":"0"}}]}""");

		var view = this.vendor.gateway.describe("app1", "task-1");

		assertThat(view).contains(new UpstreamTaskView("app1", "task-1", "ch1", RelayMode.SINGLE));
		LoggedRequest request = this.vendor.received("ListRtcMPUTaskDetail");
		assertThat(param(request, "AppId")).isEqualTo("app1");
		assertThat(param(request, "TaskId")).isEqualTo("task-1");
	}

	@Test
	void describesMixedTaskAsMixed() {
		this.vendor.answer("ListRtcMPUTaskDetail", """
				{"RequestId":"r","MPUTasks":[{"AppId":"app1","ChannelId":"ch9","TaskId":"task-9","MixMode":"1"}]}""");

		assertThat(this.vendor.gateway.describe("app1", "task-9"))
			.contains(new UpstreamTaskView("app1", "task-9", "ch9", RelayMode.MIXED));
	}

	@Test
	void describesNothingWhenTheVendorListsNoTask() {
		this.vendor.answer("ListRtcMPUTaskDetail", "{\"RequestId\":\"req-list\",\"MPUTasks\":[]}");

		assertThat(this.vendor.gateway.describe("app1", "gone")).isEmpty();
	}

	private static RelaySpec mixedSpec(SeiSettings sei) {
		List<MixedUser> users = List.of(new MixedUser("u1", StreamType.AUDIO_VIDEO, SourceType.CAMERA, "ch1"),
				new MixedUser("u2", StreamType.AUDIO, SourceType.SCREEN, "other-ch"));
		List<Pane> panes = List.of(
				new Pane(0, 0, 0.5, 1.0, 0, RenderMode.CROP, "u1", SourceType.CAMERA,
						"https://img.example.com/a.png?a=1&b=2"),
				new Pane(0.5, 0.25, 0.5, 0.5, 1, RenderMode.FIT, "u2", SourceType.SCREEN, null));
		Encode encode = new Encode(false, 128, 2, 44100, Encode.H264, 2000, 25, 50, 1280, 720, "high", "veryfast");
		MixedSpec mixed = new MixedSpec(users, panes, new Background("https://img.example.com/bg.png", RenderMode.FIT),
				encode);
		return new RelaySpec("ch1", RelayMode.MIXED, null, mixed, List.of(PUSH, "rtmp://backup.example.com/live/s1"),
				sei, null, null);
	}

	private static void assertMixedTranscode(JsonNode transcode) {
		JsonNode users = transcode.get("UserInfos");
		assertThat(users).hasSize(2);
		assertThat(users.get(0).get("UserId").stringValue()).isEqualTo("u1");
		assertThat(users.get(0).get("StreamType").stringValue()).isEqualTo("0");
		assertThat(users.get(0).get("SourceType").stringValue()).isEqualTo("camera");
		assertThat(users.get(0).has("ChannelId")).as("same channel is not cross-channel").isFalse();
		assertThat(users.get(1).get("StreamType").stringValue()).isEqualTo("1");
		assertThat(users.get(1).get("SourceType").stringValue()).isEqualTo("shareScreen");
		assertThat(users.get(1).get("ChannelId").stringValue()).isEqualTo("other-ch");

		JsonNode panes = transcode.at("/Layout/UserPanes");
		assertThat(panes).hasSize(2);
		JsonNode first = panes.get(0);
		assertThat(first.get("X").isString()).isTrue();
		assertThat(first.get("X").stringValue()).isEqualTo("0");
		assertThat(first.get("Width").stringValue()).isEqualTo("0.5");
		assertThat(first.get("Height").stringValue()).isEqualTo("1");
		assertThat(first.get("ZOrder").stringValue()).isEqualTo("0");
		assertThat(first.get("RenderMode").stringValue()).isEqualTo("1");
		assertThat(first.get("BackgroundImageUrl").stringValue()).isEqualTo("https://img.example.com/a.png?a=1&b=2");
		assertThat(first.at("/UserInfo/UserId").stringValue()).isEqualTo("u1");
		assertThat(first.at("/UserInfo/SourceType").stringValue()).isEqualTo("camera");
		assertThat(first.get("UserInfo").has("ChannelId")).isFalse();
		JsonNode second = panes.get(1);
		assertThat(second.get("Y").stringValue()).isEqualTo("0.25");
		assertThat(second.get("ZOrder").stringValue()).isEqualTo("1");
		assertThat(second.get("RenderMode").stringValue()).isEqualTo("0");
		assertThat(second.has("BackgroundImageUrl")).isFalse();
		assertThat(second.at("/UserInfo/SourceType").stringValue()).isEqualTo("shareScreen");
		assertThat(second.at("/UserInfo/ChannelId").stringValue()).isEqualTo("other-ch");

		assertThat(transcode.at("/Background/URL").stringValue()).isEqualTo("https://img.example.com/bg.png");
		assertThat(transcode.at("/Background/RenderMode").stringValue()).isEqualTo("0");

		JsonNode encode = transcode.get("EncodeParams");
		assertThat(encode.get("AudioOnly").stringValue()).isEqualTo("false");
		assertThat(encode.get("AudioBitrate").stringValue()).isEqualTo("128");
		assertThat(encode.get("AudioChannels").stringValue()).isEqualTo("2");
		assertThat(encode.get("AudioSampleRate").stringValue()).isEqualTo("44100");
		assertThat(encode.get("VideoCodec").stringValue()).isEqualTo("H.264");
		assertThat(encode.get("VideoBitrate").stringValue()).isEqualTo("2000");
		assertThat(encode.get("VideoFramerate").stringValue()).isEqualTo("25");
		assertThat(encode.get("VideoGop").stringValue()).isEqualTo("50");
		assertThat(encode.get("VideoWidth").stringValue()).isEqualTo("1280");
		assertThat(encode.get("VideoHeight").stringValue()).isEqualTo("720");
		assertThat(encode.get("EnhancedParam").isString()).isTrue();
		JsonNode enhanced = tools.jackson.databind.json.JsonMapper.shared()
			.readTree(encode.get("EnhancedParam").stringValue());
		assertThat(enhanced.get("profile").stringValue()).isEqualTo("high");
		assertThat(enhanced.get("preset").stringValue()).isEqualTo("veryfast");
	}

}
