package io.streamrelay.problems;

import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Explains a request refused before it reached the service (by Tomcat or the security
 * firewall): which part of the path, which header and which rule, never the bytes that
 * were sent.
 */
public final class RequestDefects {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

	private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

	/** Raw path markers and what to call them, in the order they are looked for. */
	private static final String[][] PATH_MARKERS = { { "%2f", "an encoded slash (%2F)" },
			{ "%5c", "an encoded backslash (%5C)" }, { "\\", "a backslash" },
			{ "%25", "an encoded percent sign (%25)" }, { "%2e", "an encoded period (%2E)" },
			{ ";", "a semicolon (path parameters)" }, { "%3b", "an encoded semicolon (%3B)" },
			{ "%00", "an encoded NUL (%00)" }, { "%0a", "an encoded line break (%0A)" },
			{ "%0d", "an encoded carriage return (%0D)" }, { "//", "an empty segment (//)" } };

	private RequestDefects() {
	}

	/** The name if it is an HTTP token (safe to quote back), or null. */
	public static String token(String candidate) {
		return (candidate != null && TOKEN.matcher(candidate).matches()) ? candidate : null;
	}

	/**
	 * What is wrong with a raw (still percent-encoded) request path, or null when nothing
	 * this service refuses is found.
	 */
	public static String ofPath(String rawUri) {
		if (rawUri == null) {
			return null;
		}
		int query = rawUri.indexOf('?');
		String path = ((query < 0) ? rawUri : rawUri.substring(0, query)).toLowerCase(Locale.ROOT);
		for (String[] marker : PATH_MARKERS) {
			if (path.contains(marker[0])) {
				return pathRule(marker[1]);
			}
		}
		for (String segment : path.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return pathRule("a dot segment (. or ..)");
			}
		}
		if (BAD_PERCENT.matcher(path).find()) {
			return pathRule("a '%' that does not start a percent-encoded byte (%XX)");
		}
		if (!path.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return pathRule("a character that is not printable ASCII (percent-encode it as UTF-8)");
		}
		return null;
	}

	private static String pathRule(String what) {
		return "The request path contains " + what + ", which this service refuses; send the plain path,"
				+ " e.g. /v1/apps/{appId}/relay-tasks/{taskId}";
	}

	/**
	 * The first header whose name is not a token or whose value has a control character,
	 * or null.
	 */
	public static String badHeader(HttpServletRequest request) {
		for (String name : Collections.list(request.getHeaderNames())) {
			if (token(name) == null) {
				return "(a header name)";
			}
			for (String value : Collections.list(request.getHeaders(name))) {
				if (value.chars().anyMatch(Character::isISOControl)) {
					return name;
				}
			}
		}
		return null;
	}

	/** The rule a header value broke, naming the header. */
	public static String headerRule(String name) {
		return "Header " + name + " contains a control character or bytes that are not ASCII (raw UTF-8, for one);"
				+ " header values must be visible ASCII characters and spaces (RFC 9110)";
	}

}
