package io.streamrelay.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1), as described in
 * docs/aliyun-mpu-api.md §6.1.
 */
public final class SignatureV1 {

	private static final String ALGORITHM = "HmacSHA1";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private SignatureV1() {
	}

	/**
	 * Computes the Base64 signature of the given (decoded) parameters; a
	 * {@code Signature} entry, if present, is ignored.
	 */
	public static String sign(String httpMethod, Map<String, String> params, String accessKeySecret) {
		return hmacSha1(accessKeySecret + "&", stringToSign(httpMethod, params));
	}

	/**
	 * Builds the StringToSign: method, encoded "/", encoded canonicalized query string.
	 */
	public static String stringToSign(String httpMethod, Map<String, String> params) {
		// sorted by the encoded name, not the raw one: the two orders differ for
		// non-ASCII names
		Map<String, String> encoded = new TreeMap<>();
		params.forEach((name, value) -> {
			if (!"Signature".equals(name)) {
				encoded.put(percentEncode(name), percentEncode(value == null ? "" : value));
			}
		});
		StringBuilder canonical = new StringBuilder();
		encoded.forEach((name, value) -> {
			if (canonical.length() > 0) {
				canonical.append('&');
			}
			canonical.append(name).append('=').append(value);
		});
		return httpMethod + "&" + percentEncode("/") + "&" + percentEncode(canonical.toString());
	}

	/**
	 * Percent-encodes UTF-8 per RFC 3986: only {@code A-Z a-z 0-9 - _ . ~} stay literal.
	 */
	public static String percentEncode(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(bytes.length * 3);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (isUnreserved(c)) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '~';
	}

	private static String hmacSha1(String key, String data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA1 is mandatory in every JRE, so this is a broken runtime, not a bad
			// request
			throw new IllegalStateException("HmacSHA1 unavailable", ex);
		}
	}

}
