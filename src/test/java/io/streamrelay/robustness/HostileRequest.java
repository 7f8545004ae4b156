package io.streamrelay.robustness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code hostile-requests.txt}: a raw request and the answer it must get (the
 * file's header explains the format).
 */
record HostileRequest(String name, String requestLine, List<String> headers, String body, int status, String type,
		List<String> requiredHeaders, List<String> checks) {

	static final String FILE = "/hostile-requests.txt";

	private static final Pattern REPEAT = Pattern.compile("\\$\\{repeat:(\\d+):([^}]*)}");

	private static final int CHUNK = 8192;

	static List<HostileRequest> load() {
		List<HostileRequest> cases = new ArrayList<>();
		try (InputStream in = HostileRequest.class.getResourceAsStream(FILE)) {
			String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			for (String line : lines) {
				if (!line.isBlank() && !line.startsWith("#")) {
					cases.add(parse(line));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cases;
	}

	static HostileRequest parse(String line) {
		String[] fields = line.split(" \\| ", -1);
		if (fields.length != 7) {
			throw new IllegalArgumentException("7 fields expected, " + fields.length + " in: " + line);
		}
		String[] expected = fields[4].trim().split(" ");
		return new HostileRequest(fields[0].trim(), fields[1].trim(), list(fields[2], "\\n"), orEmpty(fields[3]),
				Integer.parseInt(expected[0]), expected[1], list(fields[5], ";"), list(fields[6], ";"));
	}

	private static List<String> list(String field, String separator) {
		String value = orEmpty(field).trim();
		return value.isEmpty() ? List.of()
				: Arrays.stream(value.split(Pattern.quote(separator))).map(String::trim).toList();
	}

	private static String orEmpty(String field) {
		return "-".equals(field.trim()) ? "" : field;
	}

	/**
	 * The bytes to send: macros replaced, escapes decoded, Host added, the body framed as
	 * the line says.
	 */
	byte[] bytes(Map<String, String> macros) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		write(out, expand(this.requestLine, macros) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		boolean framed = false;
		for (String header : this.headers) {
			String expanded = expand(header, macros);
			framed |= expanded.regionMatches(true, 0, "Content-Length:", 0, 15)
					|| expanded.regionMatches(true, 0, "Transfer-Encoding:", 0, 18);
			write(out, expanded + "\r\n");
		}
		String body = expand(this.body, macros);
		if (body.startsWith("raw:")) {
			write(out, "\r\n" + body.substring(4));
		}
		else if (body.startsWith("chunked:")) {
			byte[] content = decode(body.substring(8));
			write(out, "Transfer-Encoding: chunked\r\n\r\n");
			for (int at = 0; at < content.length; at += CHUNK) {
				int size = Math.min(CHUNK, content.length - at);
				write(out, Integer.toHexString(size) + "\r\n");
				out.write(content, at, size);
				write(out, "\r\n");
			}
			write(out, "0\r\n\r\n");
		}
		else {
			byte[] content = decode(body);
			write(out, (framed || content.length == 0) ? "\r\n" : "Content-Length: " + content.length + "\r\n\r\n");
			out.write(content, 0, content.length);
		}
		return out.toByteArray();
	}

	static String expand(String text, Map<String, String> macros) {
		String out = text;
		for (Map.Entry<String, String> macro : macros.entrySet()) {
			out = out.replace("${" + macro.getKey() + "}", macro.getValue());
		}
		Matcher repeat = REPEAT.matcher(out);
		StringBuilder expanded = new StringBuilder();
		while (repeat.find()) {
			repeat.appendReplacement(expanded,
					Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
		}
		repeat.appendTail(expanded);
		return expanded.toString();
	}

	/** Text as UTF-8, except the escapes \r \n \t \\ and \xHH (one raw byte). */
	static byte[] decode(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\' || i + 1 == text.length()) {
				byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
					utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				out.write(utf8, 0, utf8.length);
				continue;
			}
			char next = text.charAt(++i);
			switch (next) {
				case 'r' -> out.write('\r');
				case 'n' -> out.write('\n');
				case 't' -> out.write('\t');
				case 'x' -> {
					out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
					i += 2;
				}
				default -> out.write(next);
			}
		}
		return out.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		byte[] bytes = decode(text);
		out.write(bytes, 0, bytes.length);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
