package io.streamrelay.upstream.aliyun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			The StreamURL rtmp://live.example.com/SECRETKEY is in use. | The StreamURL **** is in use.
			Invalid StreamURL rtmp%253A%252F%252Fcdn.example.net%252Fapp%252FSECRETKEY | Invalid StreamURL ****
			StreamURL=rtmp%3A%2F%2Fcdn.example.net%2FSECRETKEY&Format=JSON | StreamURL=****&Format=JSON
			Bad image "https://img.example/bg.png?auth_key=1-0-0-SECRET" | Bad image "****"
			token=SECRET expired | token=**** expired
			""")
	void hidesTheSecretsTheVendorEchoes(String message, String expected) {
		assertThat(SafeText.of(message)).isEqualTo(expected);
	}

	@Test
	void cutsTheEchoedStringToSign() {
		assertThat(SafeText.of("Specified signature is not matched with our calculation. server string to sign is:"
				+ "POST&%2F&AccessKeyId%3DLTAI%26Signature%3DSECRET"))
			.isEqualTo("Specified signature is not matched with our calculation.");
	}

	@Test
	void shortensLongMessages() {
		assertThat(SafeText.of("x".repeat(300))).isEqualTo("x".repeat(200) + "...");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "(null)", "server string to sign is: everything" })
	void saysSoWhenNothingIsLeft(String message) {
		assertThat(SafeText.of(message)).isEqualTo("no message");
	}

}
