package io.streamrelay.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request written byte by byte over a plain socket, so a test controls what is on the
 * wire: here, a chunked body of a length the server cannot know in advance.
 */
final class RawHttp {

	private static final int CHUNK = 8192;

	private RawHttp() {
	}

	/**
	 * Posts the body in chunks while reading the answer: a server that refuses the body
	 * answers before it has read it all, and may stop reading altogether.
	 */
	static Answer postChunked(int port, String target, Map<String, String> headers, byte[] body)
			throws IOException, InterruptedException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			OutputStream out = socket.getOutputStream();
			out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread writer = new Thread(() -> writeChunks(out, body), "chunked-body-writer");
			writer.start();
			try {
				return read(socket.getInputStream());
			}
			finally {
				// closing unblocks a writer the server no longer reads from
				socket.close();
				writer.join(10_000);
			}
		}
		finally {
			socket.close();
		}
	}

	private static void writeChunks(OutputStream out, byte[] body) {
		try {
			for (int offset = 0; offset < body.length; offset += CHUNK) {
				int length = Math.min(CHUNK, body.length - offset);
				out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(body, offset, length);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException ex) {
			// the server answered and closed before taking the whole body: expected for a
			// refusal
		}
	}

	private static Answer read(InputStream in) throws IOException {
		String statusLine = line(in);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
		}
		byte[] body;
		if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream chunks = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
				chunks.write(in.readNBytes(size));
				line(in);
			}
			body = chunks.toByteArray();
		}
		else {
			body = in.readAllBytes();
		}
		return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers,
				new String(body, StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("connection closed in the middle of the answer's head");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	/** The status, the headers (lower-case names) and the body of an answer. */
	record Answer(int status, Map<String, String> headers, String body) {

		String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
