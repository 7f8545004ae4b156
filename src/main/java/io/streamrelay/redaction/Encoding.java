package io.streamrelay.redaction;

import java.util.regex.Pattern;

/**
 * How a URL's separators look in text: as written, percent-encoded once (a form value or
 * an encoded JSON parameter) or twice (a signature's string to sign).
 */
enum Encoding {

	// Gson escapes '=' and '&' inside JSON strings (as backslash-u003d, backslash-u0026);
	// some encoders write '/' as backslash-slash
	PLAIN(":", "(?:/|\\\\/)", "\\?", "(?:&|\\\\u0026)", "(?:=|\\\\u003d)", "@", "[^\\s\"'<>{}\\[\\]()|^`]",
			"\\\\(?!u00(?:3d|26)|/)|[,;](?=[\\s,;]|$)"),

	ONCE("%3A", "%2F", "%3F", "(?:%26|%5Cu0026)", "(?:%3D|%5Cu003d)", "%40", "[A-Z0-9._~!*+\\-%]",
			"%(?!5Cu00(?:3d|26))(?:" + Encoding.STOPS + "|(?![0-9A-F]{2}))"),

	TWICE("%253A", "%252F", "%253F", "(?:%2526|%255Cu0026)", "(?:%253D|%255Cu003d)", "%2540", "[A-Z0-9._~!*+\\-%]",
			"%(?!25)|%25(?!5Cu00(?:3d|26))(?:" + Encoding.STOPS + "|(?![0-9A-F]{2}))");

	/**
	 * Percent codes that end an encoded URL: quotes, space, brackets, backslash, comma,
	 * semicolon, line breaks.
	 */
	static final String STOPS = "(?:22|27|20|3C|3E|7B|7D|5B|5D|5C|2C|3B|0A|0D|09)";

	final Pattern slash;

	final Pattern question;

	final Pattern amp;

	final Pattern eq;

	final Pattern at;

	/** What separates a scheme from the host: {@code ://} at this level. */
	final Pattern separator;

	/** What may follow the separator in a URL at this level, up to {@link #stop}. */
	final Pattern body;

	/** What ends a URL inside a {@link #body} run. */
	final Pattern stop;

	Encoding(String colon, String slash, String question, String amp, String eq, String at, String bodyChar,
			String stop) {
		this.slash = compile(slash);
		this.question = compile(question);
		this.amp = compile(amp);
		this.eq = compile(eq);
		this.at = compile(at);
		this.separator = compile(colon + slash + slash);
		// a character class and a separate search for what ends the URL: a repeated
		// alternation would recurse once per character and overflow on long text
		this.body = compile(bodyChar + "+");
		this.stop = compile(stop);
	}

	static Pattern compile(String regex) {
		return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
	}

}
