package io.streamrelay.emulator;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request to the emulator whose body has been read within the cap, and whose parameters
 * are those of the query and of a POSTed form body, every repetition kept.
 */
final class ParsedRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	private final Map<String, String[]> parameters;

	private ServletInputStream stream;

	private ParsedRequest(HttpServletRequest request, byte[] body, Map<String, String[]> parameters) {
		super(request);
		this.body = body;
		this.parameters = Collections.unmodifiableMap(parameters);
	}

	/**
	 * Reads the body, at most maxBodyBytes of it whatever the request declares, and
	 * parses the parameters ourselves: the container's form parsing reads past any cap.
	 * @throws ApiError 413 over the cap, 400 for parameters that are not valid
	 * percent-encoding
	 */
	static ParsedRequest read(HttpServletRequest request, int maxBodyBytes) throws IOException {
		if (request.getContentLengthLong() > maxBodyBytes) {
			throw tooLarge(maxBodyBytes);
		}
		byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
		if (body.length > maxBodyBytes) {
			throw tooLarge(maxBodyBytes);
		}
		Map<String, List<String>> values = new LinkedHashMap<>();
		parse(request.getQueryString(), values);
		if ("POST".equals(request.getMethod()) && isForm(request.getContentType())) {
			parse(new String(body, StandardCharsets.UTF_8), values);
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
		return new ParsedRequest(request, body, parameters);
	}

	private static ApiError tooLarge(int maxBodyBytes) {
		// unconfirmed: the vendor's code for an oversized request is not documented
		return new ApiError(413, "RequestBodyTooLarge", "Request bodies are limited to " + maxBodyBytes + " bytes.");
	}

	private static boolean isForm(String contentType) {
		return contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	private static void parse(String encoded, Map<String, List<String>> values) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			if (!name.isEmpty()) {
				values.computeIfAbsent(name, (key) -> new ArrayList<>())
					.add((eq < 0) ? "" : decode(pair.substring(eq + 1)));
			}
		}
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiError(400, "InvalidParameter",
					"The query string or form body is not valid percent-encoding near \"" + abbreviate(text) + "\".");
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 32) ? text : text.substring(0, 32) + "...";
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values.clone() : null;
	}

	@Override
	public ServletInputStream getInputStream() {
		if (this.stream == null) {
			this.stream = new BufferedBody(this.body);
		}
		return this.stream;
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
	}

	/** The body already read, served again to whoever reads the request next. */
	private static final class BufferedBody extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BufferedBody(byte[] body) {
			this.bytes = new ByteArrayInputStream(body);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new IllegalStateException("the emulator's requests are not asynchronous");
		}

	}

}
