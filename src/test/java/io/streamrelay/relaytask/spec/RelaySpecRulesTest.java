package io.streamrelay.relaytask.spec;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class RelaySpecRulesTest {

	static final String DEST = "rtmp://push.example.com/live/stream";

	static final SingleSource U1 = new SingleSource("u1", null, null);

	static final Encode FULL = Encode.defaults();

	static final Encode AUDIO_ONLY = new Encode(true, 64, 1, 48000, null, null, null, null, null, null, null, null);

	static RelaySpec single() {
		return new RelaySpec("ch1", RelayMode.SINGLE, U1, null, List.of(DEST), null, null, null);
	}

	static RelaySpec withSei(SeiSettings sei) {
		return single().withSei(sei);
	}

	static MixedUser user(String id) {
		return new MixedUser(id, null, null, null);
	}

	static Pane pane(double x, double y, double w, double h, String userId) {
		return new Pane(x, y, w, h, 0, null, userId, null, null);
	}

	static RelaySpec mixed(List<MixedUser> users, List<Pane> panes, Encode encode) {
		return new RelaySpec("ch1", RelayMode.MIXED, null, new MixedSpec(users, panes, null, encode), List.of(DEST),
				null, null, null);
	}

	static RelaySpec mixedPane(Pane pane) {
		return mixed(List.of(user("u1")), List.of(pane), FULL);
	}

	static Encode encode(Integer sampleRate, String codec, String profile, Integer width) {
		return new Encode(false, 128, 2, sampleRate, codec, 2000, 25, 50, width, 720, profile, null);
	}

	static Stream<Arguments> validSpecs() {
		return Stream.of(Arguments.of("plain single", single()),
				Arguments.of("single without destinations", single().withDestinations(List.of())),
				Arguments.of("full-canvas pane", mixedPane(pane(0, 0, 1, 1, "u1"))),
				Arguments.of("x=0.7,width=0.3", mixedPane(pane(0.7, 0, 0.3, 1, "u1"))),
				Arguments.of("y=0.7,height=0.3", mixedPane(pane(0, 0.7, 1, 0.3, "u1"))),
				Arguments.of("x=0.1+0.2,width=0.7", mixedPane(pane(0.1 + 0.2, 0, 0.7, 1, "u1"))),
				Arguments.of("thirds", mixedPane(pane(2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, "u1"))),
				Arguments.of("x=0.9,width=0.1", mixedPane(pane(0.9, 0.6, 0.1, 0.4, "u1"))),
				Arguments.of("pane without user", mixedPane(pane(0, 0, 0.5, 0.5, null))),
				Arguments.of("two panes side by side",
						mixed(List.of(user("u1"), user("u2")),
								List.of(pane(0, 0, 0.5, 1, "u1"), pane(0.5, 0, 0.5, 1, "u2")), FULL)),
				Arguments.of("same user camera and screen",
						mixed(List.of(user("u1"), new MixedUser("u1", null, SourceType.SCREEN, null)),
								List.of(new Pane(0, 0, 1, 1, 0, null, "u1", SourceType.SCREEN, null)), FULL)),
				Arguments.of("same user from another channel",
						mixed(List.of(user("u1"), new MixedUser("u1", null, null, "other-ch")),
								List.of(pane(0, 0, 1, 1, "u1")), FULL)),
				Arguments.of("video-only user in a pane",
						mixed(List.of(new MixedUser("u1", StreamType.VIDEO, null, null)),
								List.of(pane(0, 0, 1, 1, "u1")), FULL)),
				Arguments.of("audio-only encode without panes or video fields",
						mixed(List.of(user("u1")), List.of(), AUDIO_ONLY)),
				Arguments.of("encode absent (defaults come later)",
						mixed(List.of(user("u1")), List.of(pane(0, 0, 1, 1, "u1")), null)),
				Arguments.of("payloadType 5", withSei(new SeiSettings(5, null, null))),
				Arguments.of("layoutVolume without timing (the vendor's default)",
						withSei(new SeiSettings(null, new SeiSettings.SeiTiming(null, false), null))),
				Arguments.of("payloadType 100", withSei(new SeiSettings(100, null, null))),
				Arguments.of("payloadType 254", withSei(new SeiSettings(254, null, null))),
				Arguments.of("layoutVolume interval only",
						withSei(new SeiSettings(null, new SeiSettings.SeiTiming(1000, false), null))),
				Arguments.of("layoutVolume followIdr only",
						withSei(new SeiSettings(null, new SeiSettings.SeiTiming(null, true), null))),
				Arguments.of("passThrough followIdr only",
						withSei(new SeiSettings(null, null, new SeiSettings.PassThrough(null, true, "hello", null)))),
				Arguments.of("two distinct destinations",
						single().withDestinations(List.of(DEST, "rtmp://cdn.example.com/app/key"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validSpecs")
	void acceptsSpecThatKeepsEveryRule(String name, RelaySpec spec) {
		assertThat(RelaySpecRules.check(spec)).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource({ "8000,H.264,baseline", "16000,H.264,main", "32000,H.264,high", "44100,,", "48000,H.265,main",
			"44100,H.265," })
	void acceptsEachSampleRateAndProfileTheVendorAllows(int sampleRate, String codec, String profile) {
		assertThat(RelaySpecRules.check(
				mixed(List.of(user("u1")), List.of(pane(0, 0, 1, 1, "u1")), encode(sampleRate, codec, profile, 1280))))
			.isEmpty();
	}

	static Stream<Arguments> invalidSpecs() {
		return Stream.of(
				Arguments.of("single mode without single",
						new RelaySpec("ch1", RelayMode.SINGLE, null, null, List.of(), null, null, null), "single",
						"is required"),
				Arguments.of("single mode with mixed", new RelaySpec("ch1", RelayMode.SINGLE, U1,
						new MixedSpec(List.of(user("u1")), null, null, AUDIO_ONLY), List.of(), null, null, null),
						"mixed", "must be absent"),
				Arguments.of("mixed mode without mixed",
						new RelaySpec("ch1", RelayMode.MIXED, null, null, List.of(), null, null, null), "mixed",
						"is required"),
				Arguments.of("mixed mode with single", new RelaySpec("ch1", RelayMode.MIXED, U1,
						new MixedSpec(List.of(user("u1")), null, null, AUDIO_ONLY), List.of(), null, null, null),
						"single", "must be absent"),
				Arguments.of("no users and no destinations",
						new RelaySpec("ch1", RelayMode.MIXED, null, new MixedSpec(List.of(), null, null, AUDIO_ONLY),
								List.of(), null, null, null),
						"destinations", "is required when mixed.users is omitted"),
				Arguments.of("duplicate user",
						mixed(List.of(user("u1"), user("u1")), List.of(pane(0, 0, 1, 1, "u1")), FULL), "mixed.users[1]",
						"duplicates"),
				Arguments.of("no panes with video", mixed(List.of(user("u1")), List.of(), FULL), "mixed.layout.panes",
						"at least one pane"),
				Arguments.of("no panes, encode defaults pending", mixed(List.of(user("u1")), List.of(), null),
						"mixed.layout.panes", "at least one pane"),
				Arguments.of("x=0.6,width=0.5", mixedPane(pane(0.6, 0, 0.5, 1, "u1")), "mixed.layout.panes[0]",
						"x + width"),
				Arguments.of("x=0.7,width=0.300001", mixedPane(pane(0.7, 0, 0.300001, 1, "u1")),
						"mixed.layout.panes[0]", "x + width"),
				Arguments.of("y=0.5,height=0.51", mixedPane(pane(0, 0.5, 1, 0.51, "u1")), "mixed.layout.panes[0]",
						"y + height"),
				Arguments.of("second pane outside",
						mixed(List.of(user("u1"), user("u2")),
								List.of(pane(0, 0, 0.5, 1, "u1"), pane(0.5, 0, 0.6, 1, "u2")), FULL),
						"mixed.layout.panes[1]", "x + width"),
				Arguments.of("pane of unlisted user", mixedPane(pane(0, 0, 1, 1, "ghost")),
						"mixed.layout.panes[0].userId", "must name a user listed"),
				Arguments.of("pane of listed user but other source",
						mixedPane(new Pane(0, 0, 1, 1, 0, null, "u1", SourceType.SCREEN, null)),
						"mixed.layout.panes[0].userId", "same sourceType"),
				Arguments.of("pane of audio-only user",
						mixed(List.of(new MixedUser("u1", StreamType.AUDIO, null, null)),
								List.of(pane(0, 0, 1, 1, "u1")), FULL),
						"mixed.layout.panes[0].userId", "includes video"),
				Arguments.of("sample rate 22050",
						mixed(List.of(user("u1")), List.of(pane(0, 0, 1, 1, "u1")), encode(22050, null, null, 1280)),
						"mixed.encode.audioSampleRate", "44100"),
				Arguments.of("H.265 high",
						mixed(List.of(user("u1")), List.of(pane(0, 0, 1, 1, "u1")),
								encode(44100, Encode.H265, "high", 1280)),
						"mixed.encode.profile", "must be main for H.265"),
				Arguments.of("H.264 main10",
						mixed(List.of(user("u1")), List.of(pane(0, 0, 1, 1, "u1")),
								encode(44100, Encode.H264, "main10", 1280)),
						"mixed.encode.profile", "baseline, main or high"),
				Arguments.of("duplicate destination", single().withDestinations(List.of(DEST, DEST)), "destinations[1]",
						"duplicates"),
				Arguments.of("redacted destination",
						single().withDestinations(List.of("rtmp://cdn.example.com/app/****")), "destinations[0]",
						"looks redacted"),
				Arguments.of("payloadType 4", withSei(new SeiSettings(4, null, null)), "sei.payloadType",
						"5 or between"),
				Arguments.of("payloadType 99", withSei(new SeiSettings(99, null, null)), "sei.payloadType",
						"5 or between"),
				Arguments.of("payloadType 255", withSei(new SeiSettings(255, null, null)), "sei.payloadType",
						"5 or between"),
				Arguments.of("passThrough without timing",
						withSei(new SeiSettings(null, null, new SeiSettings.PassThrough(null, false, "x", null))),
						"sei.passThrough", "needs intervalMs"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSpecs")
	void rejectsSpecBreakingARuleNamingTheField(String name, RelaySpec spec, String field, String rule) {
		assertThat(RelaySpecRules.check(spec)).anySatisfy((v) -> {
			assertThat(v.field()).isEqualTo(field);
			assertThat(v.rule()).contains(rule);
		});
	}

	@ParameterizedTest
	@CsvSource({ "audioBitrate", "audioChannels", "audioSampleRate", "videoBitrate", "videoFramerate", "videoGop",
			"videoWidth", "videoHeight" })
	void requiresEveryEncodeFieldUnlessAudioOnly(String field) {
		Encode d = Encode.defaults();
		Encode missing = new Encode(false, field.equals("audioBitrate") ? null : d.audioBitrate(),
				field.equals("audioChannels") ? null : d.audioChannels(),
				field.equals("audioSampleRate") ? null : d.audioSampleRate(), d.videoCodec(),
				field.equals("videoBitrate") ? null : d.videoBitrate(),
				field.equals("videoFramerate") ? null : d.videoFramerate(),
				field.equals("videoGop") ? null : d.videoGop(), field.equals("videoWidth") ? null : d.videoWidth(),
				field.equals("videoHeight") ? null : d.videoHeight(), null, null);
		List<Violation> violations = RelaySpecRules
			.check(mixed(List.of(user("u1")), List.of(pane(0, 0, 1, 1, "u1")), missing));
		assertThat(violations).extracting(Violation::field).containsExactly("mixed.encode." + field);
	}

	@Test
	void reportsEveryBrokenRuleNotJustTheFirst() {
		RelaySpec spec = mixed(List.of(user("u1"), user("u1")), List.of(pane(0.5, 0.5, 0.6, 0.6, "ghost")), FULL)
			.withDestinations(List.of(DEST, DEST));
		assertThat(RelaySpecRules.check(spec)).extracting(Violation::field)
			.containsExactlyInAnyOrder("mixed.users[1]", "mixed.layout.panes[0]", "mixed.layout.panes[0]",
					"mixed.layout.panes[0].userId", "destinations[1]");
	}

	// checkUpdate

	static RelaySpec started() {
		return new RelaySpec("ch1", RelayMode.SINGLE, U1, null, List.of(DEST),
				new SeiSettings(5, new SeiSettings.SeiTiming(2000, false), null), 60, "CN-Shanghai");
	}

	static Stream<Arguments> immutableChanges() {
		RelaySpec s = started();
		return Stream.of(
				Arguments.of("channelId",
						new RelaySpec("ch2", s.mode(), s.single(), null, s.destinations(), s.sei(), s.maxIdleSeconds(),
								s.region())),
				Arguments.of("maxIdleSeconds",
						new RelaySpec("ch1", s.mode(), s.single(), null, s.destinations(), s.sei(), 120, s.region())),
				Arguments.of("maxIdleSeconds",
						new RelaySpec("ch1", s.mode(), s.single(), null, s.destinations(), s.sei(), null, s.region())),
				Arguments.of("region",
						new RelaySpec("ch1", s.mode(), s.single(), null, s.destinations(), s.sei(), s.maxIdleSeconds(),
								"AP-Singapore")),
				Arguments.of("sei.payloadType",
						s.withSei(new SeiSettings(100, new SeiSettings.SeiTiming(2000, false), null))),
				Arguments.of("sei.payloadType", s.withSei(null)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("immutableChanges")
	void checkUpdateRefusesChangingAFieldFixedAtStart(String field, RelaySpec next) {
		assertThat(RelaySpecRules.checkUpdate(started(), next)).singleElement().satisfies((v) -> {
			assertThat(v.field()).isEqualTo(field);
			assertThat(v.rule()).contains("cannot be changed after start");
		});
	}

	@Test
	void checkUpdateAllowsChangingWhatUpdateLiveMpuTaskTakes() {
		RelaySpec s = started();
		RelaySpec next = new RelaySpec("ch1", RelayMode.MIXED, null,
				new MixedSpec(List.of(user("u1"), user("u2")), List.of(pane(0, 0, 0.5, 1, "u1")), null, FULL),
				List.of("rtmp://cdn.example.com/app/key"),
				new SeiSettings(5, new SeiSettings.SeiTiming(null, true), null), 60, "CN-Shanghai");
		assertThat(RelaySpecRules.checkUpdate(s, next)).isEmpty();
	}

	@Test
	void checkUpdateAlsoAppliesTheStartRules() {
		RelaySpec next = started().withDestinations(List.of(DEST, DEST));
		assertThat(RelaySpecRules.checkUpdate(started(), next)).extracting(Violation::field)
			.containsExactly("destinations[1]");
	}

}
