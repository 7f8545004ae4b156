package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestAuthenticatorTest {

	private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

	private final EmulatorProperties properties = new EmulatorProperties("LTAIemulatorKey", "emulator-secret", 200, 40,
			Duration.ofSeconds(10), Duration.ofMinutes(15), List.of(), false, false);

	private final NonceCache nonces = new NonceCache(Duration.ofMinutes(30), 1000);

	private final RequestAuthenticator authenticator = new RequestAuthenticator(this.properties, this.nonces,
			Clock.fixed(NOW, ZoneOffset.UTC));

	private static Map<String, String> unsigned(String timestamp, String nonce) {
		Map<String, String> params = new HashMap<>();
		params.put("Action", "StopLiveMPUTask");
		params.put("AccessKeyId", "LTAIemulatorKey");
		params.put("SignatureMethod", "HMAC-SHA1");
		params.put("SignatureVersion", "1.0");
		params.put("SignatureNonce", nonce);
		params.put("Timestamp", timestamp);
		params.put("Version", "2016-11-01");
		params.put("Format", "JSON");
		params.put("AppId", "app1");
		params.put("TaskId", "t1");
		return params;
	}

	private static Map<String, String> signed(String method, String timestamp, String nonce) {
		Map<String, String> params = unsigned(timestamp, nonce);
		params.put("Signature", SignatureV1.sign(method, params, "emulator-secret"));
		return params;
	}

	@Test
	void acceptsCorrectlySignedRequest() {
		assertThatCode(() -> this.authenticator.authenticate("POST", signed("POST", "2024-01-01T00:00:00Z", "n1")))
			.doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Action", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
			"SignatureNonce", "Timestamp", "Version" })
	void rejectsMissingCommonParameter(String name) {
		Map<String, String> params = signed("POST", "2024-01-01T00:00:00Z", "n1");
		params.remove(name);

		assertRejected(params, 400, "MissingParameter");
	}

	@ParameterizedTest
	@CsvSource({ "SignatureMethod,HMAC-SHA256", "SignatureVersion,2.0", "Version,2014-05-26" })
	void rejectsUnsupportedProtocolValues(String name, String value) {
		Map<String, String> params = unsigned("2024-01-01T00:00:00Z", "n1");
		params.put(name, value);
		params.put("Signature", SignatureV1.sign("POST", params, "emulator-secret"));

		assertRejected(params, 400, "InvalidParameter");
	}

	@Test
	void rejectsUnknownAccessKeyWith404() {
		Map<String, String> params = signed("POST", "2024-01-01T00:00:00Z", "n1");
		params.put("AccessKeyId", "LTAIother");

		assertRejected(params, 404, "InvalidAccessKeyId.NotFound");
	}

	@Test
	void rejectsSignatureMadeForAnotherMethodAndEchoesServerStringToSign() {
		Map<String, String> params = signed("GET", "2024-01-01T00:00:00Z", "n1");

		assertThatThrownBy(() -> this.authenticator.authenticate("POST", params)).isInstanceOfSatisfying(ApiError.class,
				(error) -> {
					assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
					assertThat(error.getMessage())
						.isEqualTo("Specified signature is not matched with our calculation. server string to sign is:"
								+ SignatureV1.stringToSign("POST", params))
						.doesNotContain("emulator-secret");
				});
	}

	@Test
	void rejectsTamperedParameter() {
		Map<String, String> params = signed("POST", "2024-01-01T00:00:00Z", "n1");
		params.put("TaskId", "t2");

		assertRejected(params, 400, "SignatureDoesNotMatch");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2023-12-31T23:44:59Z", "2024-01-01T00:15:01Z" })
	void rejectsTimestampMoreThanFifteenMinutesAway(String timestamp) {
		assertRejected(signed("POST", timestamp, "n1"), 400, "InvalidTimeStamp.Expired");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2023-12-31T23:45:00Z", "2024-01-01T00:15:00Z" })
	void acceptsTimestampAtTheSkewBoundary(String timestamp) {
		assertThatCode(() -> this.authenticator.authenticate("POST", signed("POST", timestamp, "n1")))
			.doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2024-01-01 00:00:00", "2024-01-01T00:00:00+08:00", "1704067200", "2024-13-01T00:00:00Z" })
	void rejectsMalformedTimestamp(String timestamp) {
		assertRejected(signed("POST", timestamp, "n1"), 400, "InvalidTimeStamp.Format");
	}

	@Test
	void rejectsReusedNonce() {
		this.authenticator.authenticate("POST", signed("POST", "2024-01-01T00:00:00Z", "n1"));

		assertRejected(signed("POST", "2024-01-01T00:00:01Z", "n1"), 400, "SignatureNonceUsed");
	}

	@Test
	void refusesANonceOverSixtyFourCharactersBeforeRememberingIt() {
		assertRejected(signed("POST", "2024-01-01T00:00:00Z", "n".repeat(65)), 400, "InvalidParameter");
		assertThat(this.nonces.size()).isZero();

		this.authenticator.authenticate("POST", signed("POST", "2024-01-01T00:00:00Z", "n".repeat(64)));
		assertThat(this.nonces.size()).isOne();
	}

	private void assertRejected(Map<String, String> params, int status, String code) {
		assertThatThrownBy(() -> this.authenticator.authenticate("POST", params)).isInstanceOfSatisfying(ApiError.class,
				(error) -> assertThat(error).extracting(ApiError::status, ApiError::code)
					.containsExactly(status, code));
	}

}
