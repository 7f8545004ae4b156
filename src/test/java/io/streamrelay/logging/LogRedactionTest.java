package io.streamrelay.logging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LogRedactionTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"push to rtmp://a.rtmp.youtube.com/live2/SECRETKEY now | push to rtmp://a.rtmp.youtube.com/live2/**** now",
			"rtmp://push.example.com/live/app_ch_u_camera?auth_key=1-0-0-SECRET | rtmp://push.example.com/live/****?auth_key=****",
			"RTMP://h.example.com/app | RTMP://h.example.com/app",
			"POST /?Action=Start&StreamURL=rtmp%3A%2F%2Fa.rtmp.youtube.com%2Flive2%2FSECRETKEY&Format=JSON | POST /?Action=Start&StreamURL=rtmp%3A%2F%2Fa.rtmp.youtube.com%2F****&Format=JSON",
			"x auth_key%3D1700000000-0-0-SECRET&y | x auth_key%3D****&y",
			"GET /v1/apps/a/relay-tasks?api_key=SECRET&x=1 | GET /v1/apps/a/relay-tasks?api_key=****&x=1",
			"/?Signature=SECRET%3D&AccessKeyId=LTAI | /?Signature=****&AccessKeyId=LTAI",
			"Authorization: Bearer SECRET-KEY | Authorization: Bearer ****",
			"{\"URL\":\"rtmp://cdn.example.net/app/SECRET\"} | {\"URL\":\"rtmp://cdn.example.net/app/****\"}",
			"TranscodeParams=%7B%22URL%22%3A%22https%3A%2F%2Fimg.example%2Fbg.png%3Fauth_key%5Cu003dSECRET%22%7D | TranscodeParams=%7B%22URL%22%3A%22https%3A%2F%2Fimg.example%2Fbg.png%3Fauth_key%5Cu003d****%22%7D",
			"{\"URL\":\"https://img.example/p.png?Signature\\u003dSECRET\"} | {\"URL\":\"https://img.example/p.png?Signature\\u003d****\"}",
			"SignatureMethod=HMAC-SHA1&Signature=SECRET | SignatureMethod=HMAC-SHA1&Signature=****",
			"nothing secret here | nothing secret here" })
	void scrubsSecretsAndKeepsTheRest(String line, String expected) {
		assertThat(LogRedaction.scrub(line)).isEqualTo(expected).doesNotContain("SECRET");
	}

}
