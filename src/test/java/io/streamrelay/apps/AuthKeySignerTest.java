package io.streamrelay.apps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AuthKeySignerTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/live/app1_ch1_u1_camera, eea5444859ca7874adaa2c823b3662b3",
			"/live/app1_ch1_u1_camera.flv, a2b3bfe61d73c16a4e779ba35d255df7",
			"/live/app1_ch1_u1_camera.m3u8, 3b60cdaf09ed037c6e60fd135b963ca0" })
	void signsTheWorkedExamplesOfTheVendorNotes(String uri, String hash) {
		assertThat(AuthKeySigner.authKey(uri, 1700000000L, "yourkey123")).isEqualTo("1700000000-0-0-" + hash);
	}

	@Test
	void hashDependsOnTimestampAndKey() {
		String base = AuthKeySigner.authKey("/live/s", 1700000000L, "yourkey123");
		assertThat(AuthKeySigner.authKey("/live/s", 1700000001L, "yourkey123")).isNotEqualTo(base)
			.startsWith("1700000001-0-0-");
		assertThat(AuthKeySigner.authKey("/live/s", 1700000000L, "yourkey124")).isNotEqualTo(base);
		assertThat(base).matches("1700000000-0-0-[0-9a-f]{32}").doesNotContain("yourkey123");
	}

}
