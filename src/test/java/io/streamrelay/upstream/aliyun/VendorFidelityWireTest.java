package io.streamrelay.upstream.aliyun;

import java.util.List;
import java.util.Map;

import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SingleSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the adapter puts on the wire for the vendor-fidelity points of
 * docs/aliyun-mpu-api.md §9 (and §2.4, §2.5 they refine).
 */
class VendorFidelityWireTest {

	private static final List<String> URL = List.of("rtmp://push.example.com/live/s1");

	// §2.5 / §9: 5 is the vendor's default when PayloadType is omitted; only 100-254
	// are documented values to send
	@Test
	void payloadTypeFiveIsOmittedNotSent() {
		Map<String, String> five = start(single(new SeiSettings(5, new SeiSettings.SeiTiming(2000, true), null)));
		Map<String, String> custom = start(single(new SeiSettings(120, new SeiSettings.SeiTiming(2000, true), null)));

		assertThat(five.get("SeiParams")).doesNotContain("PayloadType")
			.isEqualTo("{\"LayoutVolume\":{\"FollowIdr\":\"1\",\"Interval\":\"2000\"}}");
		assertThat(custom.get("SeiParams")).startsWith("{\"PayloadType\":\"120\",");
	}

	// §2.5 / §9: an empty LayoutVolume asks for the vendor's default layout/volume SEI
	@Test
	void layoutVolumeWithoutTimingIsSentEmpty() {
		Map<String, String> params = start(single(new SeiSettings(null, new SeiSettings.SeiTiming(null, false), null)));

		assertThat(params.get("SeiParams")).isEqualTo("{\"LayoutVolume\":{}}");
	}

	// §2.4 / §9: UserInfos omitted mixes every user of the channel
	@Test
	void mixingWithoutUsersOmitsUserInfos() {
		RelaySpec spec = new RelaySpec("ch1", RelayMode.MIXED, null,
				new MixedSpec(List.of(),
						List.of(new io.streamrelay.relaytask.spec.Pane(0, 0, 1, 1, 0, null, null, null, null)), null,
						Encode.defaults()),
				URL, null, null, null);

		assertThat(start(spec).get("TranscodeParams")).contains("\"UserPanes\"").doesNotContain("UserInfos");
	}

	// §9: audio-only mixing leaves the layout empty and sends audio parameters only
	@Test
	void audioOnlyMixingSendsNoLayoutAndNoVideoParameters() {
		Encode audio = new Encode(true, 64, 1, 48000, null, null, null, null, null, null, null, null);
		RelaySpec spec = new RelaySpec("ch1", RelayMode.MIXED, null, new MixedSpec(List.of(), List.of(), null, audio),
				URL, null, null, null);

		assertThat(start(spec).get("TranscodeParams")).isEqualTo(
				"{\"EncodeParams\":{\"AudioOnly\":\"true\",\"AudioBitrate\":\"64\",\"AudioSampleRate\":\"48000\","
						+ "\"AudioChannels\":\"1\"}}");
	}

	private static RelaySpec single(SeiSettings sei) {
		return new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null, URL, sei, null, null);
	}

	private static Map<String, String> start(RelaySpec spec) {
		return TaskRequests.start("app1", "t1", spec).getSysQueryParameters();
	}

}
