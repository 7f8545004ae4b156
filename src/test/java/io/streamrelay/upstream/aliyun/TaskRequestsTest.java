package io.streamrelay.upstream.aliyun;

import java.util.List;
import java.util.Map;

import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.SeiParams;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest.TranscodeParams;
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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRequestsTest {

	private static final List<String> TWO_URLS = List.of("rtmp://push.example.com/live/s1?auth_key=1-0-0-abc",
			"rtmp://backup.example.com/live/s1");

	private static final SeiSettings SEI = new SeiSettings(100, new SeiSettings.SeiTiming(1000, true),
			new SeiSettings.PassThrough(null, false, "{\"a\":\"<&='>\"}", "udd"));

	@Test
	void startAndUpdateCarryTheSameMixedJsonApartFromSeiPayloadType() {
		Map<String, String> start = TaskRequests.start("app1", "t1", mixedSpec()).getSysQueryParameters();
		Map<String, String> update = TaskRequests.update("app1", "t1", mixedSpec()).getSysQueryParameters();

		assertThat(update.get("TranscodeParams")).contains("\"UserPanes\"").isEqualTo(start.get("TranscodeParams"));
		assertThat(update.get("MultiStreamURL")).isEqualTo(start.get("MultiStreamURL"));
		assertThat(start.get("SeiParams")).startsWith("{\"PayloadType\":\"100\",");
		assertThat(update.get("SeiParams")).isEqualTo(start.get("SeiParams").replace("\"PayloadType\":\"100\",", ""));
	}

	@Test
	void startAndUpdateCarryTheSameSingleStreamJson() {
		RelaySpec spec = new RelaySpec("ch1", RelayMode.SINGLE,
				new SingleSource("u1", StreamType.VIDEO, SourceType.SCREEN), null, TWO_URLS, null, 30, "CN-Shanghai");

		Map<String, String> start = TaskRequests.start("app1", "t1", spec).getSysQueryParameters();
		Map<String, String> update = TaskRequests.update("app1", "t1", spec).getSysQueryParameters();

		assertThat(update.get("SingleSubParams")).isNotNull().isEqualTo(start.get("SingleSubParams"));
		assertThat(start).containsEntry("MaxIdleTime", "30").containsEntry("Region", "CN-Shanghai");
		assertThat(update).doesNotContainKeys("MaxIdleTime", "Region", "SeiParams", "TranscodeParams");
	}

	/**
	 * Guards the byte-level equivalence with the SDK's typed setters: key order, HTML
	 * escaping, omitted nulls.
	 */
	@Test
	void writesTheSameJsonTextAsTheSdkTypedSetters() {
		StartLiveMPUTaskRequest sdk = new StartLiveMPUTaskRequest();
		SeiParams sei = new SeiParams();
		sei.setPayloadType("100");
		SeiParams.LayoutVolume layoutVolume = new SeiParams.LayoutVolume();
		layoutVolume.setInterval("1000");
		layoutVolume.setFollowIdr("1");
		sei.setLayoutVolume(layoutVolume);
		SeiParams.PassThrough passThrough = new SeiParams.PassThrough();
		passThrough.setFollowIdr("0");
		passThrough.setPayloadContent("{\"a\":\"<&='>\"}");
		passThrough.setPayloadContentKey("udd");
		sei.setPassThrough(passThrough);
		sdk.setSeiParams(sei);
		TranscodeParams transcode = new TranscodeParams();
		TranscodeParams.Background background = new TranscodeParams.Background();
		background.setURL("https://img.example.com/bg.png?a=1&b=2");
		background.setRenderMode("0");
		transcode.setBackground(background);
		transcode.setEncodeParams(sdkEncode());
		sdk.setTranscodeParams(transcode);
		MixedSpec mixed = new MixedSpec(List.of(), List.of(),
				new Background("https://img.example.com/bg.png?a=1&b=2", RenderMode.FIT), encode());

		Map<String, String> ours = TaskRequests
			.start("app1", "t1", new RelaySpec("ch1", RelayMode.MIXED, null, mixed, List.of(), SEI, null, null))
			.getSysQueryParameters();

		assertThat(ours.get("SeiParams")).contains("\\u003c\\u0026\\u003d\\u0027\\u003e")
			.isEqualTo(sdk.getSysQueryParameters().get("SeiParams"));
		assertThat(ours.get("TranscodeParams")).isEqualTo(sdk.getSysQueryParameters().get("TranscodeParams"));
	}

	private static TranscodeParams.EncodeParams sdkEncode() {
		TranscodeParams.EncodeParams params = new TranscodeParams.EncodeParams();
		params.setAudioOnly("false");
		params.setAudioBitrate("128");
		params.setAudioChannels("2");
		params.setAudioSampleRate("44100");
		params.setVideoCodec("H.264");
		params.setVideoBitrate("2000");
		params.setVideoFramerate("25");
		params.setVideoGop("50");
		params.setVideoWidth("1280");
		params.setVideoHeight("720");
		params.setEnhancedParam("{\"profile\":\"high\"}");
		return params;
	}

	private static Encode encode() {
		return new Encode(false, 128, 2, 44100, Encode.H264, 2000, 25, 50, 1280, 720, "high", null);
	}

	private static RelaySpec mixedSpec() {
		List<MixedUser> users = List.of(new MixedUser("u1", StreamType.AUDIO_VIDEO, SourceType.CAMERA, "ch1"),
				new MixedUser("u2", StreamType.AUDIO, SourceType.SCREEN, "other-ch"));
		List<Pane> panes = List.of(
				new Pane(0, 0, 0.5, 1.0, 0, RenderMode.CROP, "u1", SourceType.CAMERA,
						"https://img.example.com/a.png?a=1"),
				new Pane(0.5, 0.25, 0.5, 0.5, 1, RenderMode.FIT, "u2", SourceType.SCREEN, null));
		MixedSpec mixed = new MixedSpec(users, panes, new Background("https://img.example.com/bg.png", null), encode());
		return new RelaySpec("ch1", RelayMode.MIXED, null, mixed, TWO_URLS, SEI, 30, "CN-Shanghai");
	}

}
