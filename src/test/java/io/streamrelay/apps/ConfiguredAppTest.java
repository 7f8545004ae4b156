package io.streamrelay.apps;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.streamrelay.relaytask.spec.SeiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredAppTest {

	static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000L), ZoneOffset.UTC);

	static final String RTMP_HASH = "eea5444859ca7874adaa2c823b3662b3";

	static final String FLV_HASH = "a2b3bfe61d73c16a4e779ba35d255df7";

	static final String HLS_HASH = "3b60cdaf09ed037c6e60fd135b963ca0";

	static ConfiguredApp app(String pushKey, String playKey) {
		return new ConfiguredApp("app1",
				AppSettings.of("play.example.com", "push.example.com", null, null, pushKey, playKey, false, null),
				CLOCK);
	}

	static final ConfiguredApp UNSIGNED = app(null, null);

	// default destination

	@Test
	void refreshesTheSigningTokenOfItsOwnSignedPushUrlsOnly() {
		java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
				Instant.ofEpochSecond(1700000000L));
		Clock moving = new Clock() {

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now.get();
			}

		};
		ConfiguredApp app = new ConfiguredApp("app1",
				AppSettings.of("play.example.com", "push.example.com", null, null, "yourkey123", null, false, null),
				moving);
		String signed = app.defaultDestination("ch1", "u1");
		String thirdParty = "rtmp://a.rtmp.youtube.com/live2/key?auth_key=1-0-0-00000000000000000000000000000000";
		now.set(Instant.ofEpochSecond(1700003600L));
		java.util.List<String> refreshed = app.refreshDestinations(java.util.List.of(signed, thirdParty));
		String expectedHash = org.apache.commons.codec.digest.DigestUtils
			.md5Hex("/live/app1_ch1_u1_camera-1700003600-0-0-yourkey123");
		assertThat(refreshed).containsExactly(
				"rtmp://push.example.com/live/app1_ch1_u1_camera?auth_key=1700003600-0-0-" + expectedHash, thirdParty);
		assertThat(UNSIGNED.refreshDestinations(java.util.List.of(signed))).containsExactly(signed);
	}

	@Test
	void defaultDestinationIsTheUnsignedClientSdkStreamOnTheIngestDomain() {
		assertThat(UNSIGNED.defaultDestination("ch1", "u1"))
			.isEqualTo("rtmp://push.example.com/live/app1_ch1_u1_camera");
	}

	@Test
	void defaultDestinationIsSignedWithThePushKeyWhenSet() {
		assertThat(app("yourkey123", "another-key").defaultDestination("ch1", "u1"))
			.isEqualTo("rtmp://push.example.com/live/app1_ch1_u1_camera?auth_key=1700000000-0-0-" + RTMP_HASH);
	}

	@Test
	void defaultDestinationUsesTheStreamingDomainAndConfiguredAppName() {
		ConfiguredApp app = new ConfiguredApp("app1",
				AppSettings.of("play.example.com", null, "studio", null, null, null, false, null), CLOCK);
		assertThat(app.defaultDestination("c", "u")).isEqualTo("rtmp://play.example.com/studio/app1_c_u_camera");
	}

	@Test
	void defaultSeiMirrorsTheAppSettingsAndIsAbsentWithoutThem() {
		ConfiguredApp app = new ConfiguredApp("app1", AppSettings.of("play.example.com", null, null,
				new AppSettings.Sei(3000, true), null, null, false, null), CLOCK);
		assertThat(app.defaultSei()).isEqualTo(new SeiSettings(null, new SeiSettings.SeiTiming(3000, true), null));
		assertThat(UNSIGNED.defaultSei()).isNull();
	}

	// playback

	@Test
	void playbackOfAnOwnDestinationIsUnsignedOnTheStreamingDomain() {
		ConfiguredApp.Playback playback = UNSIGNED.playback("rtmp://push.example.com/live/app1_ch1_u1_camera");
		assertThat(playback).isEqualTo(new ConfiguredApp.Playback("rtmp://play.example.com/live/app1_ch1_u1_camera",
				"https://play.example.com/live/app1_ch1_u1_camera.flv",
				"https://play.example.com/live/app1_ch1_u1_camera.m3u8"));
	}

	@Test
	void signedPlaybackCarriesTheHashOfEachProtocolsOwnUri() {
		ConfiguredApp app = app("push-key-not-used", "yourkey123");
		ConfiguredApp.Playback playback = app
			.playback("rtmp://push.example.com/live/app1_ch1_u1_camera?auth_key=1700000000-0-0-" + "0".repeat(32));
		assertThat(playback.rtmp())
			.isEqualTo("rtmp://play.example.com/live/app1_ch1_u1_camera?auth_key=1700000000-0-0-" + RTMP_HASH);
		assertThat(playback.flv())
			.isEqualTo("https://play.example.com/live/app1_ch1_u1_camera.flv?auth_key=1700000000-0-0-" + FLV_HASH);
		assertThat(playback.hls())
			.isEqualTo("https://play.example.com/live/app1_ch1_u1_camera.m3u8?auth_key=1700000000-0-0-" + HLS_HASH);
	}

	@Test
	void playbackUsesTheConfiguredSchemeAndMatchesTheIngestHostIgnoringCase() {
		ConfiguredApp app = new ConfiguredApp("app1",
				AppSettings.of("play.example.com", "push.example.com", null, null, null, null, false, "http"), CLOCK);
		ConfiguredApp.Playback playback = app.playback("rtmp://PUSH.Example.com/live/s");
		assertThat(playback.flv()).isEqualTo("http://play.example.com/live/s.flv");
		assertThat(playback.hls()).isEqualTo("http://play.example.com/live/s.m3u8");
	}

	@ParameterizedTest
	@ValueSource(strings = { "rtmp://a.rtmp.youtube.com/live2/key", "rtmp://push.example.com", "not a url",
			"rtmp://play.example.com/live/s" })
	void hasNoPlaybackForDestinationsElsewhere(String destination) {
		assertThat(UNSIGNED.playback(destination)).isNull();
	}

	// redaction

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"rtmp://a.rtmp.youtube.com/live2/abcd-SECRET-key | rtmp://a.rtmp.youtube.com/live2/****",
			"rtmp://a.rtmp.youtube.com/live2/SECRET?token=SECRET2 | rtmp://a.rtmp.youtube.com/live2/****?token=****",
			"rtmp://cdn.example.net/app/SECRET?a=SECRET1&b=SECRET2&c= | rtmp://cdn.example.net/app/****?a=****&b=****&c=****",
			"rtmp://user:SECRETPASS@cdn.example.net/app/SECRET | rtmp://cdn.example.net/app/****",
			"rtmp://cdn.example.net:1935/app/SECRET | rtmp://cdn.example.net:1935/app/****",
			"rtmp://cdn.example.net/app/inst/SECRET | rtmp://cdn.example.net/app/inst/****",
			"rtmp://cdn.example.net/app/SECRET#SECRETFRAG | rtmp://cdn.example.net/app/****",
			"rtmp://push.example.com/live/app1_ch1_u1_camera?auth_key=1700000000-0-0-SECRET | rtmp://push.example.com/live/app1_ch1_u1_camera?auth_key=****",
			"rtmp://PUSH.EXAMPLE.COM/live/app1_c_u_camera | rtmp://PUSH.EXAMPLE.COM/live/app1_c_u_camera" })
	void redactsStreamKeysOfOtherHostsQueryValuesAndCredentials(String destination, String redacted) {
		assertThat(UNSIGNED.redact(destination)).isEqualTo(redacted).doesNotContain("SECRET");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "rtmp://cdn.example.net/SECRET | rtmp://cdn.example.net/****",
					"rtmp://cdn.example.net/app/SECRET/ | rtmp://cdn.example.net/app/****",
					"rtmp://cdn.example.net/app/key?SECRET | rtmp://cdn.example.net/app/****?****" })
	void redactsStreamKeysInShortOrSlashEndedPathsAndBareQueryItems(String destination, String redacted) {
		assertThat(UNSIGNED.redact(destination)).isEqualTo(redacted).doesNotContain("SECRET");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "SECRET", "not a url SECRET", "rtmp:SECRET", "rtmp://bad host/app/SECRET",
			"rtmp://under_score.example/app/SECRET", "rtmp://SECRETUSER@/app/SECRET", "%%SECRET", "",
			"//cdn.example.net/app/SECRET", "rtmp://[SECRET/app" })
	void neverEchoesSecretsOfGarbageUrls(String destination) {
		assertThat(UNSIGNED.redact(destination)).doesNotContain("SECRET").contains("****");
	}

	@Test
	void signedDefaultDestinationIsRedactedToItsPublicStreamName() {
		ConfiguredApp app = app("yourkey123", null);
		assertThat(app.redact(app.defaultDestination("ch1", "u1")))
			.isEqualTo("rtmp://push.example.com/live/app1_ch1_u1_camera?auth_key=****");
	}

}
