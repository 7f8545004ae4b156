package io.streamrelay.upstream.aliyun;

import java.util.regex.Pattern;

import io.streamrelay.redaction.Redaction;

/**
 * Shortens vendor error messages and removes what may carry stream keys or signatures.
 */
final class SafeText {

	private static final int MAX_LENGTH = 200;

	/**
	 * SignatureDoesNotMatch echoes the server's string to sign, i.e. every parameter we
	 * sent.
	 */
	private static final Pattern STRING_TO_SIGN = Pattern.compile("(?is)[^.;]*string to sign.*");

	private SafeText() {
	}

	static String of(String vendorMessage) {
		if (vendorMessage == null || vendorMessage.isBlank() || vendorMessage.equals("(null)")) {
			return "no message";
		}
		// the vendor echoes parameters: stream URLs, image URLs, tokens, plain or encoded
		String text = Redaction.textWithoutUrls(STRING_TO_SIGN.matcher(vendorMessage).replaceAll("")).strip();
		if (text.isEmpty()) {
			return "no message";
		}
		return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
	}

}
