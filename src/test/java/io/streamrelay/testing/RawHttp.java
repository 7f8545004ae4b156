package io.streamrelay.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the test wrote it: methods, paths,
 * header bytes and body framing no HTTP client library would send. One request per
 * connection; its answer is read as its framing says, so a server that keeps the
 * connection open is not waited for.
 */
public final class RawHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int READ_TIMEOUT_MILLIS = 30_000;

	private RawHttp() {
	}

	/** Sends the bytes at once and reads the answer. */
	public static Answer exchange(int port, byte[] request) {
		return exchange(port, (out) -> {
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before taking the whole request
			}
		});
	}

	/**
	 * Lets the caller write the request at its own pace (the writer may return before it
	 * is done and go on writing from another thread); the answer is read meanwhile.
	 */
	public static Answer exchange(int port, Consumer<OutputStream> writer) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			writer.accept(socket.getOutputStream());
			return Answer.parse(readAnswer(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The bytes of one answer: up to the end of its body as its framing says, or up to
	 * the close of the connection for an answer without framing.
	 */
	private static byte[] readAnswer(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			String head = readHead(in, out);
			while (head != null && head.startsWith("HTTP/1.1 1")) {
				// an interim answer (100 Continue): the final one follows
				out.reset();
				head = readHead(in, out);
			}
			if (head == null) {
				return out.toByteArray();
			}
			Answer parsed = Answer.parse((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String length = parsed.header("Content-Length");
			if ("chunked".equalsIgnoreCase(parsed.header("Transfer-Encoding"))) {
				copyChunks(in, out);
			}
			else if (length != null) {
				out.write(in.readNBytes(Integer.parseInt(length)));
			}
			else {
				in.transferTo(out);
			}
		}
		catch (SocketException ex) {
			// a reset after the answer: what arrived is the answer
		}
		return out.toByteArray();
	}

	private static String readHead(InputStream in, ByteArrayOutputStream out) throws IOException {
		StringBuilder head = new StringBuilder();
		for (int b = in.read(); b >= 0; b = in.read()) {
			out.write(b);
			head.append((char) b);
			if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
				return head.substring(0, head.length() - 4);
			}
		}
		return null;
	}

	private static void copyChunks(InputStream in, ByteArrayOutputStream out) throws IOException {
		while (true) {
			String sizeLine = readLine(in);
			out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
			if (size == 0) {
				out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
				return;
			}
			out.write(in.readNBytes(size + 2));
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	/**
	 * What the server sent: nothing at all (status 0) or a status line, headers and a
	 * de-chunked body.
	 */
	public record Answer(int status, List<String[]> headers, byte[] body) {

		static Answer parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				return new Answer(0, List.of(), raw);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			List<String[]> headers = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.add(new String[] { lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim() });
			}
			String rest = text.substring(end + 4);
			Answer head = new Answer(status, headers, new byte[0]);
			String body = "chunked".equalsIgnoreCase(head.header("Transfer-Encoding")) ? dechunk(rest) : rest;
			return new Answer(status, headers, body.getBytes(StandardCharsets.ISO_8859_1));
		}

		private static String dechunk(String chunked) {
			StringBuilder out = new StringBuilder();
			int at = 0;
			while (at < chunked.length()) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
				if (size == 0) {
					break;
				}
				out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
			return out.toString();
		}

		/** The first value of a header, or null. */
		public String header(String name) {
			return this.headers.stream()
				.filter((header) -> header[0].equalsIgnoreCase(name))
				.map((header) -> header[1])
				.findFirst()
				.orElse(null);
		}

		public List<String> headerValues(String name) {
			return this.headers.stream()
				.filter((header) -> header[0].equalsIgnoreCase(name))
				.map((header) -> header[1])
				.toList();
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public boolean isProblem() {
			String type = header("Content-Type");
			return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + bodyText();
		}

	}

}
