package io.streamrelay.upstream.aliyun;

import java.util.regex.Pattern;

/**
 * Shortens vendor error messages and removes what may carry stream keys or signatures.
 */
final class SafeText {

	private static final int MAX_LENGTH = 200;

	/**
	 * Any scheme://... run, plain or percent-encoded once or twice (the vendor echoes
	 * parameters).
	 */
	private static final Pattern URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*(://|%3A%2F%2F|%253A%252F%252F)\\S*");

	private static final Pattern SECRET_PARAM = Pattern
		.compile("(?i)(auth_key|signature|accesskeysecret|token)(=|%3D|%253D)[^&\\s\"']*");

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
		String text = STRING_TO_SIGN.matcher(vendorMessage).replaceAll("");
		text = URL.matcher(text).replaceAll("[url]");
		text = SECRET_PARAM.matcher(text).replaceAll("$1=[hidden]");
		text = text.strip();
		if (text.isEmpty()) {
			return "no message";
		}
		return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
	}

}
