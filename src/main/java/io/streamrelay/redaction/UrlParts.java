package io.streamrelay.redaction;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secret parts of one URL written at one {@link Encoding}: credentials, query
 * values and, in stream URLs, the stream key.
 */
final class UrlParts {

	/**
	 * Schemes whose last path segment is a stream key: rtmp (rtmps, rtmpt, ...) and srt.
	 */
	private static final Pattern STREAM_SCHEME = Pattern.compile("[a-z0-9+.-]*(?:rtmp[a-z]*|srt)",
			Pattern.CASE_INSENSITIVE);

	private UrlParts() {
	}

	/**
	 * The text with every URL written at this encoding (a scheme, the separator and at
	 * least one more character) replaced.
	 */
	static String replaceUrls(String text, Encoding encoding, Function<Found, String> with) {
		Matcher separator = encoding.separator.matcher(text);
		Matcher body = encoding.body.matcher(text);
		Matcher stop = encoding.stop.matcher(text);
		StringBuilder out = new StringBuilder();
		int copied = 0;
		int from = 0;
		// the separator first, then the scheme backwards: much cheaper than trying to
		// match a scheme at every position of every log line
		while (from < text.length() && separator.find(from)) {
			from = separator.end();
			int schemeStart = schemeStart(text, separator.start(), copied);
			if (schemeStart < 0 || !body.region(separator.end(), text.length()).lookingAt()) {
				continue;
			}
			int end = stop.region(separator.end(), body.end()).find() ? stop.start() : body.end();
			if (end > separator.end()) {
				out.append(text, copied, schemeStart)
					.append(with.apply(new Found(text.substring(schemeStart, separator.start()), separator.group(),
							text.substring(separator.end(), end))));
				copied = end;
				from = copied;
			}
		}
		return (copied == 0) ? text : out.append(text, copied, text.length()).toString();
	}

	/**
	 * A URL with its credentials dropped, every query value hidden and, for rtmp (any
	 * variant) and srt, the stream key hidden.
	 */
	static String redact(Found url, Encoding encoding) {
		String rest = url.rest();
		Matcher question = encoding.question.matcher(rest);
		boolean hasQuery = question.find();
		int queryAt = hasQuery ? question.start() : rest.length();
		Matcher slash = encoding.slash.matcher(rest.substring(0, queryAt));
		int pathAt = slash.find() ? slash.start() : queryAt;
		String path = rest.substring(pathAt, queryAt);
		if (STREAM_SCHEME.matcher(url.scheme()).matches()) {
			path = hideStreamKey(path, encoding);
		}
		String query = hasQuery ? question.group() + hideQueryValues(rest.substring(question.end()), encoding) : "";
		return url.scheme() + url.separator() + withoutCredentials(rest.substring(0, pathAt), encoding) + path + query;
	}

	/**
	 * The path with its last non-empty segment, the stream key, hidden (and what follows
	 * it dropped), even when it is the only segment.
	 */
	static String hideStreamKey(String path, Encoding encoding) {
		Matcher slash = encoding.slash.matcher(path);
		int keyStart = -1;
		int segmentStart = 0;
		while (true) {
			boolean more = slash.find();
			if ((more ? slash.start() : path.length()) > segmentStart) {
				keyStart = segmentStart;
			}
			if (!more) {
				return (keyStart < 0) ? path : path.substring(0, keyStart) + Redaction.MARKER;
			}
			segmentStart = slash.end();
		}
	}

	/**
	 * Every value hidden, and every bare item too (an item without '=' is often a token
	 * in itself).
	 */
	static String hideQueryValues(String query, Encoding encoding) {
		StringBuilder out = new StringBuilder();
		Matcher amp = encoding.amp.matcher(query);
		int itemStart = 0;
		while (true) {
			boolean more = amp.find();
			int itemEnd = more ? amp.start() : query.length();
			Matcher eq = encoding.eq.matcher(query).region(itemStart, itemEnd);
			out.append(eq.find() ? query.substring(itemStart, eq.end()) : "").append(Redaction.MARKER);
			if (!more) {
				return out.toString();
			}
			out.append(amp.group());
			itemStart = amp.end();
		}
	}

	/**
	 * Where the scheme ending at {@code end} starts, skipping what an escape left before
	 * it ({@code %22rtmp}), or -1.
	 */
	private static int schemeStart(String text, int end, int floor) {
		int start = end;
		while (start > floor && isSchemeChar(text.charAt(start - 1))) {
			start--;
		}
		char before = (start > 0) ? text.charAt(start - 1) : ' ';
		if (before == '%' && end - start > 2) {
			start += 2;
		}
		else if (before == '\\' && text.regionMatches(true, start, "u00", 0, 3) && end - start > 5) {
			start += 5;
		}
		while (start < end && !Character.isLetter(text.charAt(start))) {
			start++;
		}
		return (start < end) ? start : -1;
	}

	private static boolean isSchemeChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.'
				|| c == '-';
	}

	private static String withoutCredentials(String authority, Encoding encoding) {
		Matcher at = encoding.at.matcher(authority);
		int hostAt = 0;
		while (at.find()) {
			hostAt = at.end();
		}
		return authority.substring(hostAt);
	}

	/** A URL found in text: its scheme, the separator as written, and the rest. */
	record Found(String scheme, String separator, String rest) {
	}

}
