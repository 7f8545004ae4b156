package io.streamrelay.redaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionUrlTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			rtmp://a.rtmp.youtube.com/live2/SECRET?token=SECRET2 | rtmp://a.rtmp.youtube.com/live2/****?token=****
			rtmp://live.example.com/SECRETKEY | rtmp://live.example.com/****
			rtmp://cdn.example.net/app/SECRET/ | rtmp://cdn.example.net/app/****
			rtmp://cdn.example.net/app/SECRET%2Fmore | rtmp://cdn.example.net/app/****
			rtmp://user:SECRETPASS@cdn.example.net:1935/app/SECRET | rtmp://cdn.example.net:1935/app/****
			rtmp://cdn.example.net/app/SECRET#SECRETFRAG | rtmp://cdn.example.net/app/****
			rtmp://cdn.example.net/app/key?SECRET&x=SECRET2 | rtmp://cdn.example.net/app/****?****&x=****
			srt://ingest.example.com:9000?streamid=SECRET | srt://ingest.example.com:9000?streamid=****
			""")
	void hidesCredentialsQueryValuesAndTheStreamKey(String url, String expected) {
		assertThat(Redaction.url(url, (host) -> false)).isEqualTo(expected).doesNotContain("SECRET");
	}

	@Test
	void keepsThePathOnHostsWhosePathsArePublic() {
		assertThat(Redaction.url("rtmp://PUSH.example.com/live/app1_c_u_camera?auth_key=1-0-0-SECRET",
				"push.example.com"::equalsIgnoreCase))
			.isEqualTo("rtmp://PUSH.example.com/live/app1_c_u_camera?auth_key=****");
		assertThat(Redaction.url("https://img.example/bg.png?Signature=SECRET&OSSAccessKeyId=LTAI", (host) -> true))
			.isEqualTo("https://img.example/bg.png?Signature=****&OSSAccessKeyId=****");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SECRET", "not a url SECRET", "rtmp:SECRET", "rtmp://bad host/app/SECRET",
			"rtmp://under_score.example/app/SECRET", "rtmp://SECRETUSER@/app/SECRET", "%%SECRET", "",
			"//cdn.example.net/app/SECRET", "rtmp://[SECRET/app" })
	void hidesAnUnreadableUrlWhole(String url) {
		assertThat(Redaction.url(url, (host) -> true)).isEqualTo(Redaction.MARKER);
	}

	@Test
	void hidesANullUrl() {
		assertThat(Redaction.url(null, (host) -> true)).isEqualTo(Redaction.MARKER);
	}

	@Test
	void recognisesRedactedTextByTheMarker() {
		assertThat(Redaction.isRedacted(Redaction.url("rtmp://cdn.example.net/app/SECRET", (host) -> false))).isTrue();
		assertThat(Redaction.isRedacted("rtmp://cdn.example.net/app/key")).isFalse();
		assertThat(Redaction.isRedacted(null)).isFalse();
	}

}
