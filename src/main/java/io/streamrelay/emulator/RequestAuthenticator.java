package io.streamrelay.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies the OpenAPI gateway checks (common parameters, AccessKey, signature v1,
 * timestamp, nonce) to a request.
 */
final class RequestAuthenticator {

	private static final List<String> COMMON_PARAMS = List.of("Action", "AccessKeyId", "Signature", "SignatureMethod",
			"SignatureVersion", "SignatureNonce", "Timestamp", "Version");

	/**
	 * SDKs send 32 hex digits or a 36-character UUID; a longer nonce would only inflate
	 * the memory that replay protection keeps for 2 x the skew.
	 */
	static final int MAX_NONCE_LENGTH = 64;

	// the SDK sends second precision with a literal Z (docs/aliyun-mpu-api.md §1.1);
	// fractions are tolerated
	private static final Pattern TIMESTAMP = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

	private final EmulatorProperties properties;

	private final NonceCache nonces;

	private final Clock clock;

	RequestAuthenticator(EmulatorProperties properties, NonceCache nonces, Clock clock) {
		this.properties = properties;
		this.nonces = nonces;
		this.clock = clock;
	}

	/** Throws an {@link ApiError} unless the request passes every gateway check. */
	void authenticate(String httpMethod, Map<String, String> params) {
		for (String name : COMMON_PARAMS) {
			if (isBlank(params.get(name))) {
				throw new ApiError(400, "MissingParameter", "The input parameter \"" + name
						+ "\" that is mandatory for processing this request is not supplied.");
			}
		}
		if (params.get("SignatureNonce").length() > MAX_NONCE_LENGTH) {
			throw new ApiError(400, "InvalidParameter", "The specified parameter \"SignatureNonce\" is not valid; "
					+ "it must be at most " + MAX_NONCE_LENGTH + " characters.");
		}
		requireValue(params, "SignatureMethod", "HMAC-SHA1");
		requireValue(params, "SignatureVersion", "1.0");
		requireValue(params, "Version", "2016-11-01");
		if (!this.properties.accessKeyId().equals(params.get("AccessKeyId"))) {
			throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
		}
		verifySignature(httpMethod, params);
		verifyTimestamp(params.get("Timestamp"));
		if (!this.nonces.firstUse(params.get("SignatureNonce"), this.clock.instant())) {
			throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
		}
	}

	private void verifySignature(String httpMethod, Map<String, String> params) {
		String expected = SignatureV1.sign(httpMethod, params, this.properties.accessKeySecret());
		byte[] given = params.get("Signature").getBytes(StandardCharsets.UTF_8);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given)) {
			// the SDK compares this exact suffix with its own StringToSign to report
			// SDK.InvalidAccessKeySecret
			throw new ApiError(400, "SignatureDoesNotMatch",
					"Specified signature is not matched with our calculation. server string to sign is:"
							+ SignatureV1.stringToSign(httpMethod, params));
		}
	}

	private void verifyTimestamp(String timestamp) {
		Instant sent;
		try {
			if (!TIMESTAMP.matcher(timestamp).matches()) {
				throw new DateTimeParseException("not yyyy-MM-ddTHH:mm:ssZ", timestamp, 0);
			}
			sent = Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			throw new ApiError(400, "InvalidTimeStamp.Format",
					"Specified time stamp or date value is not well formatted.");
		}
		Duration skew = Duration.between(sent, this.clock.instant()).abs();
		if (skew.compareTo(this.properties.timestampSkew()) > 0) {
			throw new ApiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
		}
	}

	private static void requireValue(Map<String, String> params, String name, String expected) {
		if (!expected.equals(params.get(name))) {
			throw new ApiError(400, "InvalidParameter",
					"The specified parameter \"" + name + "\" is not valid; expected " + expected + ".");
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
