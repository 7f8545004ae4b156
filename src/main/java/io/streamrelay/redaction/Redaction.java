package io.streamrelay.redaction;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows what a secret in a URL or in text looks like, and the marker
 * that replaces it.
 */
public final class Redaction {

	/** What a hidden secret is replaced with. */
	public static final String MARKER = "****";

	/** Parameter names whose values are secrets wherever they appear. */
	private static final Set<String> NAMES = Set.of("auth_key", "txsecret", "sign", "sig", "signature", "token",
			"access_token", "api_key", "apikey", "key", "secret", "password", "passwd", "passphrase", "securitytoken",
			"security-token", "x-oss-signature", "x-oss-security-token", "ossaccesskeyid", "accesskeysecret",
			"x-amz-signature", "x-amz-security-token");

	/**
	 * '=' at every encoding level, plain or Gson-escaped; and the ':' of a JSON member
	 * ({@code "password":"…"}) or of a header-like pair ({@code AccessKeySecret: …}).
	 */
	private static final Pattern EQUALS = Encoding
		.compile("=|%3D|%253D|\\\\u003d|%5Cu003d|%255Cu003d|\"\\s*:\\s*\"|\\s*:[ \\t]*(?=[^\\s/\"])");

	/**
	 * A value runs to a separator, a quote, a bracket or such a character percent-encoded
	 * once or twice.
	 */
	private static final Pattern VALUE = Encoding.compile("[^\\s\"'<>&\\\\,;{}\\[\\]()]+");

	private static final Pattern VALUE_STOP = Encoding.compile("%(?:25)?(?:26|" + Encoding.STOPS + ")");

	private static final Pattern BEARER = Encoding.compile("(\\bBearer\\s+)[^\\s\"',;]+");

	/** The secret token in this service's vendor-callback path (issue 9). */
	private static final Pattern CALLBACK_TOKEN = Pattern
		.compile("(/callbacks/aliyun/mpu/[A-Za-z0-9_-]{1,64}/)[^\\s/?#\"'<>&]+");

	private Redaction() {
	}

	/**
	 * Whether the text carries the marker, e.g. a URL copied from a response and sent
	 * back.
	 */
	public static boolean isRedacted(String text) {
		return text != null && text.contains(MARKER);
	}

	/**
	 * One URL with its credentials and fragment dropped, every query value hidden, and
	 * the last path segment (the stream key) hidden unless {@code publicPaths} accepts
	 * the host; an unreadable URL is hidden whole.
	 */
	public static String url(String url, Predicate<String> publicPaths) {
		URI uri = (url != null) ? parse(url) : null;
		if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
			return MARKER;
		}
		StringBuilder out = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
		if (uri.getPort() != -1) {
			out.append(':').append(uri.getPort());
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		out.append(publicPaths.test(uri.getHost()) ? path : UrlParts.hideStreamKey(path, Encoding.PLAIN));
		if (uri.getRawQuery() != null) {
			out.append('?').append(UrlParts.hideQueryValues(uri.getRawQuery(), Encoding.PLAIN));
		}
		return out.toString();
	}

	/**
	 * Free text (log lines, exception messages, JSON, request bodies) with its secrets
	 * hidden: in every URL, plain, percent-encoded once or twice, the credentials and
	 * query values, and in rtmp, rtmps and srt URLs the stream key; elsewhere the values
	 * of parameters named like secrets ({@code auth_key}, {@code txSecret},
	 * {@code Signature}, {@code token}, ...) and bearer tokens.
	 */
	public static String text(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = text;
		for (Encoding encoding : Encoding.values()) {
			out = UrlParts.replaceUrls(out, encoding, (url) -> UrlParts.redact(url, encoding));
		}
		out = BEARER.matcher(hideNamedValues(out)).replaceAll("$1" + MARKER);
		return CALLBACK_TOKEN.matcher(out).replaceAll("$1" + MARKER);
	}

	/**
	 * Text echoed by others (vendor error messages), where no URL needs to be shown:
	 * every URL, plain or percent-encoded once or twice, hidden whole, then
	 * {@link #text}.
	 */
	public static String textWithoutUrls(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String out = text;
		for (Encoding encoding : Encoding.values()) {
			out = UrlParts.replaceUrls(out, encoding, (url) -> MARKER);
		}
		return text(out);
	}

	private static String hideNamedValues(String text) {
		Matcher equals = EQUALS.matcher(text);
		Matcher value = VALUE.matcher(text);
		Matcher stop = VALUE_STOP.matcher(text);
		StringBuilder out = new StringBuilder();
		int copied = 0;
		int from = 0;
		while (from < text.length() && equals.find(from)) {
			from = equals.end();
			if (!isSecretName(text, equals.start(), copied) || !value.region(equals.end(), text.length()).lookingAt()) {
				continue;
			}
			int end = stop.region(equals.end(), value.end()).find() ? stop.start() : value.end();
			if (end > equals.end()) {
				out.append(text, copied, equals.end()).append(MARKER);
				copied = end;
				from = copied;
			}
		}
		return (copied == 0) ? text : out.append(text, copied, text.length()).toString();
	}

	/**
	 * Whether the word ending at {@code end} is a secret's name, also right after an
	 * escape ({@code %26token}, {@code %2526token} or a Gson escape).
	 */
	private static boolean isSecretName(String text, int end, int floor) {
		int start = end;
		while (start > floor && isNameChar(text.charAt(start - 1))) {
			start--;
		}
		String word = text.substring(start, end).toLowerCase(Locale.ROOT);
		char before = (start > 0) ? text.charAt(start - 1) : ' ';
		return NAMES.contains(word) || (before == '%' && (named(word, 2) || (word.startsWith("25") && named(word, 4))))
				|| (before == '\\' && word.startsWith("u00") && named(word, 5));
	}

	private static boolean named(String word, int escapeLength) {
		return word.length() > escapeLength && NAMES.contains(word.substring(escapeLength));
	}

	private static boolean isNameChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	}

	private static URI parse(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
