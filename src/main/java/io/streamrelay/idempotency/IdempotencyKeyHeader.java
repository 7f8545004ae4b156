package io.streamrelay.idempotency;

/**
 * Parses the {@code Idempotency-Key} header: 1-255 printable ASCII characters, given bare
 * or as the Structured Field string of the IETF draft ({@code "abc"} and {@code abc} name
 * the same key).
 */
final class IdempotencyKeyHeader {

	static final String NAME = "Idempotency-Key";

	static final int MAX_LENGTH = 255;

	static final String RULE = "must be 1-" + MAX_LENGTH + " printable ASCII characters, sent once";

	private IdempotencyKeyHeader() {
	}

	/** The key, or null when the value breaks the rule. */
	static String parse(String value) {
		if (value == null) {
			return null;
		}
		String key = (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) ? unquote(value) : value;
		if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
			return null;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				return null;
			}
		}
		return key;
	}

	/**
	 * RFC 8941 sf-string: inside the quotes only {@code \"} and {@code \\} are escapes, a
	 * bare quote is an error.
	 */
	private static String unquote(String quoted) {
		StringBuilder key = new StringBuilder(quoted.length());
		for (int i = 1; i < quoted.length() - 1; i++) {
			char c = quoted.charAt(i);
			if (c == '\\') {
				if (i + 1 >= quoted.length() - 1) {
					return null;
				}
				c = quoted.charAt(++i);
				if (c != '"' && c != '\\') {
					return null;
				}
			}
			else if (c == '"') {
				return null;
			}
			key.append(c);
		}
		return key.toString();
	}

}
