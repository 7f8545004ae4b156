package io.streamrelay.relaytask.spec;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The core rules behind the vendor-fidelity points of docs/aliyun-mpu-api.md §9. */
class VendorFidelityRulesTest {

	private static final List<String> URL = List.of("rtmp://push.example.com/live/mix");

	private static final Pane FULL = new Pane(0, 0, 1, 1, 0, null, null, null, null);

	// §2.4 / §9: UserInfos may be omitted to mix all users of the channel
	@Test
	void mixingEveryUserOfTheChannelNeedsNoUserList() {
		RelaySpec spec = mixed(new MixedSpec(List.of(), List.of(FULL), null, Encode.defaults()), URL);

		assertThat(RelaySpecRules.check(spec)).isEmpty();
	}

	@Test
	void mixingEveryUserNeedsExplicitDestinationsForThereIsNoAnchorUser() {
		RelaySpec spec = mixed(new MixedSpec(List.of(), List.of(FULL), null, Encode.defaults()), List.of());

		assertThat(RelaySpecRules.check(spec)).extracting(Violation::field).containsExactly("destinations");
	}

	@Test
	void aPaneMayNameAUserWhenEveryUserIsMixed() {
		Pane named = new Pane(0, 0, 1, 1, 0, null, "carol", null, null);
		RelaySpec spec = mixed(new MixedSpec(List.of(), List.of(named), null, Encode.defaults()), URL);

		assertThat(RelaySpecRules.check(spec)).isEmpty();
	}

	// §9: audio-only mixing: no layout, audio parameters only
	@Test
	void audioOnlyRefusesLayoutBackgroundAndVideoParameters() {
		Encode audio = new Encode(true, 64, 1, 48000, null, 2000, 25, null, 1280, null, "high", null);
		MixedSpec mixed = new MixedSpec(List.of(new MixedUser("alice", null, null, null)), List.of(FULL),
				new Background("https://img.example.com/bg.png", null), audio);

		assertThat(RelaySpecRules.check(mixed(mixed, URL))).extracting(Violation::field)
			.containsExactlyInAnyOrder("mixed.layout", "mixed.background", "mixed.encode.videoBitrate",
					"mixed.encode.videoFramerate", "mixed.encode.videoWidth", "mixed.encode.profile");
	}

	@Test
	void audioOnlyWithAudioParametersAloneIsValid() {
		Encode audio = new Encode(true, 64, 1, 48000, null, null, null, null, null, null, null, null);
		MixedSpec mixed = new MixedSpec(List.of(new MixedUser("alice", null, null, null)), List.of(), null, audio);

		assertThat(RelaySpecRules.check(mixed(mixed, URL))).isEmpty();
	}

	// §2.5 / §9: an empty LayoutVolume asks for the vendor's default layout/volume SEI
	@Test
	void anEmptyLayoutVolumeIsTheVendorDefault() {
		SeiSettings sei = new SeiSettings(null, new SeiSettings.SeiTiming(null, false), null);
		RelaySpec spec = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("alice", null, null), null, URL, sei,
				null, null);

		assertThat(RelaySpecRules.check(spec)).isEmpty();
	}

	// §2.5 / §9: 5 (the default) is accepted and means "omit"; other values outside
	// 100-254 are refused
	@Test
	void payloadTypeFiveIsAcceptedAndSixIsNot() {
		assertThat(RelaySpecRules.check(withPayloadType(5))).isEmpty();
		assertThat(RelaySpecRules.check(withPayloadType(6))).extracting(Violation::field)
			.containsExactly("sei.payloadType");
	}

	private static RelaySpec withPayloadType(int payloadType) {
		return new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("alice", null, null), null, URL,
				new SeiSettings(payloadType, new SeiSettings.SeiTiming(1000, false), null), null, null);
	}

	private static RelaySpec mixed(MixedSpec mixed, List<String> destinations) {
		return new RelaySpec("ch1", RelayMode.MIXED, null, mixed, destinations, null, null, null);
	}

}
