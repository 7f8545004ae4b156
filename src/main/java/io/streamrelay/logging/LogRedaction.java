package io.streamrelay.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs secrets from log text, whoever logs it (including framework DEBUG lines that
 * print request URLs of the in-process emulator): stream keys in RTMP URLs (plain or
 * percent-encoded), {@code auth_key} tokens, request signatures, bearer tokens and
 * key-like query parameters.
 */
public final class LogRedaction {

	static final String HIDDEN = "****";

	private static final Pattern RTMP = Pattern
		.compile("(?i)(rtmps?://[^/\\s\"'?&\\\\]+/[^/\\s\"'?&\\\\]*)(/[^\\s\"'?&\\\\]*)?");

	private static final Pattern RTMP_ENCODED = Pattern
		.compile("(?i)(rtmps?%3A%2F%2F[^%\\s\"'&]+(?:%2F)?)([^\\s\"'&]*)");

	// "=" as it may appear: plain, percent-encoded, Gson-escaped inside JSON, and both
	private static final String EQUALS = "(?:=|%3D|\\\\u003d|%5Cu003d)";

	private static final List<Pattern> VALUES = List.of(
			Pattern.compile("(?i)((?:auth_key|Signature|SecurityToken|security-token|x-oss-signature|OSSAccessKeyId)"
					+ EQUALS + ")[^&\\s\"'\\\\,;%]+"),
			Pattern.compile("(?i)([?&](?:api_key|apikey|access_token|token|key|Signature)=)[^&\\s\"']+"),
			Pattern.compile("(?i)(Bearer\\s+)[^\\s\"',;]+"));

	private LogRedaction() {
	}

	public static String scrub(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = replace(RTMP, text, (m) -> m.group(1) + (m.group(2) == null ? "" : "/" + HIDDEN));
		out = replace(RTMP_ENCODED, out, (m) -> m.group(1) + (m.group(2).isEmpty() ? "" : HIDDEN));
		for (Pattern pattern : VALUES) {
			out = pattern.matcher(out).replaceAll("$1" + HIDDEN);
		}
		return out;
	}

	private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
