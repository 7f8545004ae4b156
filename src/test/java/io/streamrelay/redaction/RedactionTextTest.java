package io.streamrelay.redaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTextTest {

	static final String CASES = """
			# stream URLs: the last path segment is the stream key, even when it is the only one
			push to rtmp://a.rtmp.youtube.com/live2/SECRETKEY now | push to rtmp://a.rtmp.youtube.com/live2/**** now
			publish to rtmp://live.example.com/SECRETKEY now | publish to rtmp://live.example.com/**** now
			RTMP://h.example.com/SECRET | RTMP://h.example.com/****
			rtmp://cdn.example.net/app/inst/SECRET | rtmp://cdn.example.net/app/inst/****
			rtmp://cdn.example.net/app/SECRET/ | rtmp://cdn.example.net/app/****
			rtmp://cdn.example.net/app/SECRET#SECRETFRAG | rtmp://cdn.example.net/app/****
			rtmps://live-api-s.facebook.com:443/rtmp/FB-SECRET-0-Ab | rtmps://live-api-s.facebook.com:443/rtmp/****
			srt://ingest.example.com:9000/SECRET | srt://ingest.example.com:9000/****
			rtmp://user:SECRETPASS@cdn.example.net/app/SECRET | rtmp://cdn.example.net/app/****
			rtmp://cdn.example.net | rtmp://cdn.example.net
			# every query value of a URL, and a bare query item
			rtmp://push.example.com/live/s?auth_key=1700000000-0-0-SECRET | rtmp://push.example.com/live/****?auth_key=****
			rtmp://push.example.com/live/s?txSecret=SECRET&txTime=65F0A2B1 | rtmp://push.example.com/live/****?txSecret=****&txTime=****
			srt://ingest.example.com:9000?streamid=SECRET&passphrase=SECRET2 | srt://ingest.example.com:9000?streamid=****&passphrase=****
			https://img.example/p.png?sign=SECRET&t=1700000000 | https://img.example/p.png?sign=****&t=****
			https://img.example/p.png?token=SECRET | https://img.example/p.png?token=****
			https://img.example/p.png?SECRET | https://img.example/p.png?****
			https://img.example/p.png?a=SECRET1&b=SECRET2&c= | https://img.example/p.png?a=****&b=****&c=****
			jdbc:postgresql://db.example:5432/relay?user=app&password=SECRET | jdbc:postgresql://db.example:5432/relay?user=****&password=****
			# outside URLs: parameters named like secrets, bearer tokens
			GET /v1/apps/a/relay-tasks?api_key=SECRET&x=1 | GET /v1/apps/a/relay-tasks?api_key=****&x=1
			/?Signature=SECRET%3D&AccessKeyId=LTAI | /?Signature=****&AccessKeyId=LTAI
			SignatureMethod=HMAC-SHA1&Signature=SECRET | SignatureMethod=HMAC-SHA1&Signature=****
			txSecret=SECRET&txTime=5F0 | txSecret=****&txTime=5F0
			sign=SECRET; token=SECRET2; password=SECRET3 | sign=****; token=****; password=****
			x auth_key%3D1700000000-0-0-SECRET&y | x auth_key%3D****&y
			Authorization: Bearer SECRET-KEY | Authorization: Bearer ****
			monkey=banana&designation=x | monkey=banana&designation=x
			AccessKeySecret: SECRET | AccessKeySecret: ****
			{"accessKeySecret":"SECRET","region":"cn"} | {"accessKeySecret":"****","region":"cn"}
			{"password" : "SECRET"} | {"password" : "****"}
			Relay task demo-app/lt-1: starting -> active | Relay task demo-app/lt-1: starting -> active
			{"contentKey":"udd","key-hint":"x"} | {"contentKey":"udd","key-hint":"x"}
			nothing secret here | nothing secret here
			# percent-encoded once (form values, encoded JSON parameters)
			POST /?Action=Start&StreamURL=rtmp%3A%2F%2Fa.rtmp.youtube.com%2Flive2%2FSECRETKEY&Format=JSON | POST /?Action=Start&StreamURL=rtmp%3A%2F%2Fa.rtmp.youtube.com%2Flive2%2F****&Format=JSON
			StreamURL=rtmp%3A%2F%2Flive.example.com%2FSECRETKEY&Format=JSON | StreamURL=rtmp%3A%2F%2Flive.example.com%2F****&Format=JSON
			StreamURL=rtmp%3A%2F%2Fpush.example.com%2Flive%2Fs%3Fauth_key%3D1-0-0-SECRET&Format=JSON | StreamURL=rtmp%3A%2F%2Fpush.example.com%2Flive%2F****%3Fauth_key%3D****&Format=JSON
			rtmp%3a%2f%2fcdn.example.net%2fapp%2fSECRET | rtmp%3a%2f%2fcdn.example.net%2fapp%2f****
			MultiStreamURL=%5B%22rtmp%3A%2F%2Fa.example%2Flive%2FSECRET1%22%2C%22rtmp%3A%2F%2Fb.example%2FSECRET2%22%5D | MultiStreamURL=%5B%22rtmp%3A%2F%2Fa.example%2Flive%2F****%22%2C%22rtmp%3A%2F%2Fb.example%2F****%22%5D
			TranscodeParams=%7B%22URL%22%3A%22https%3A%2F%2Fimg.example%2Fbg.png%3Fauth_key%5Cu003dSECRET%22%7D | TranscodeParams=%7B%22URL%22%3A%22https%3A%2F%2Fimg.example%2Fbg.png%3Fauth_key%5Cu003d****%22%7D
			# percent-encoded twice (the string to sign of a signed request)
			POST&%2F&AccessKeyId%3DLTAI%26StreamURL%3Drtmp%253A%252F%252Fpush.example.com%252Flive%252Fs%253Fauth_key%253D1-0-0-SECRET%26Format%3DJSON | POST&%2F&AccessKeyId%3DLTAI%26StreamURL%3Drtmp%253A%252F%252Fpush.example.com%252Flive%252F****%253Fauth_key%253D****%26Format%3DJSON
			x%3Drtmp%253A%252F%252Flive.example.com%252FSECRETKEY%26y | x%3Drtmp%253A%252F%252Flive.example.com%252F****%26y
			%2F%2Fimg.example%252Fp.png%253Fauth_key%253DSECRET%2526a%253D1%26Format | %2F%2Fimg.example%252Fp.png%253Fauth_key%253D****%2526a%253D1%26Format
			TranscodeParams%3D%257B%2522URL%2522%253A%2522https%253A%252F%252Fimg.example%252Fbg.png%253Fauth_key%255Cu003dSECRET%2522%257D%26 | TranscodeParams%3D%257B%2522URL%2522%253A%2522https%253A%252F%252Fimg.example%252Fbg.png%253Fauth_key%255Cu003d****%2522%257D%26
			# Gson-escaped and JSON text
			{"URL":"https://img.example/p.png?Signature\\u003dSECRET"} | {"URL":"https://img.example/p.png?Signature\\u003d****"}
			{"URL":"https://img.example/p.png?a\\u003d1\\u0026auth_key\\u003dSECRET"} | {"URL":"https://img.example/p.png?a\\u003d****\\u0026auth_key\\u003d****"}
			{"url":"rtmp:\\/\\/cdn.example.net\\/app\\/SECRET"} | {"url":"rtmp:\\/\\/cdn.example.net\\/app\\/****"}
			{\\"url\\":\\"rtmp://cdn.example.net/app/SECRET\\"} | {\\"url\\":\\"rtmp://cdn.example.net/app/****\\"}
			{"destinations":["rtmp://a.example/live/SECRET1","rtmp://b.example/SECRET2"]} | {"destinations":["rtmp://a.example/live/****","rtmp://b.example/****"]}
			# exception messages and collections in log lines
			java.lang.IllegalStateException: relay to rtmp://cdn.example.net/app/SECRET?token=SECRET2 failed | java.lang.IllegalStateException: relay to rtmp://cdn.example.net/app/****?token=**** failed
			java.net.ConnectException: rtmp://live.example.com/SECRET (Connection refused) | java.net.ConnectException: rtmp://live.example.com/**** (Connection refused)
			destinations [rtmp://a.example/live/SECRET1, rtmp://b.example/live/SECRET2] | destinations [rtmp://a.example/live/****, rtmp://b.example/live/****]
			""";

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void hidesEverySecretAndKeepsTheRest(String text, String expected) {
		assertThat(Redaction.text(text)).isEqualTo(expected).doesNotContain("SECRET");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void leavesRedactedTextAsItIs(String text, String expected) {
		assertThat(Redaction.text(expected)).isEqualTo(expected);
	}

	@Test
	void hidesTheOnlyPathSegmentOfAStreamUrlAsItsStreamKey() {
		assertThat(Redaction.text("rtmp://live.example.com/SECRETKEY")).isEqualTo("rtmp://live.example.com/****");
		assertThat(Redaction.text("srt://live.example.com/SECRETKEY")).isEqualTo("srt://live.example.com/****");
	}

	@Test
	void hidesStreamKeysAndTokensPercentEncodedTwice() {
		assertThat(Redaction.text("%252Flive%252Fs%253Fauth_key%253D1-0-0-SECRET%26"))
			.isEqualTo("%252Flive%252Fs%253Fauth_key%253D****%26");
		assertThat(Redaction.text("rtmp%253A%252F%252Fcdn.example.net%252Fapp%252FSECRET"))
			.isEqualTo("rtmp%253A%252F%252Fcdn.example.net%252Fapp%252F****");
	}

	@ParameterizedTest
	@ValueSource(strings = { "rtmp://a.rtmp.youtube.com/live2/SECRET?token=SECRET2", "rtmp://cdn.example.net/SECRET",
			"rtmp://cdn.example.net/app/SECRET/", "rtmp://cdn.example.net:1935/app/inst/SECRET",
			"rtmp://user:SECRETPASS@cdn.example.net/app/SECRET", "rtmp://cdn.example.net/app/key?SECRET",
			"rtmp://cdn.example.net/app/SECRET?a=SECRET1&b=SECRET2&c=" })
	void agreesWithTheUrlRedactorOnAStreamUrl(String url) {
		assertThat(Redaction.text(url)).isEqualTo(Redaction.url(url, (host) -> false)).doesNotContain("SECRET");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			used by rtmp://cdn.example.net/app/SECRET now | used by **** now
			StreamURL=rtmp%3A%2F%2Fcdn.example.net%2FSECRET&Format=JSON | StreamURL=****&Format=JSON
			%3Drtmp%253A%252F%252Fcdn.example.net%252FSECRET%26 | %3D****%26
			{"URL":"https://img.example/SECRET.png"} and Signature=SECRET2 | {"URL":"****"} and Signature=****
			""")
	void hidesWholeUrlsOfEchoedText(String text, String expected) {
		assertThat(Redaction.textWithoutUrls(text)).isEqualTo(expected);
	}

	@Test
	void redactsVeryLongTextWithoutOverflowingTheStack() {
		String key = "K".repeat(200_000);
		assertThat(Redaction.text("rtmp://cdn.example.net/app/" + key)).isEqualTo("rtmp://cdn.example.net/app/****");
		assertThat(Redaction.text("rtmp%3A%2F%2Fcdn.example.net%2F" + key))
			.isEqualTo("rtmp%3A%2F%2Fcdn.example.net%2F****");
		assertThat(Redaction.text("token=" + key)).isEqualTo("token=****");
	}

	@Test
	void passesNullAndEmptyTextThrough() {
		assertThat(Redaction.textWithoutUrls(null)).isNull();
		assertThat(Redaction.text(null)).isNull();
		assertThat(Redaction.text("")).isEmpty();
	}

}
