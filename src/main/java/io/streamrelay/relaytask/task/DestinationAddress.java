package io.streamrelay.relaytask.task;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stream a destination URL names, for comparing two destinations: scheme and host
 * lower-cased, user info, a default port, the fragment and trailing slashes dropped, and
 * the query kept (it may carry the stream key) except {@code auth_key}, which is
 * re-signed on every call for the same stream (docs/aliyun-mpu-api.md §5.3); its other
 * parameters are sorted. An address is compared, never shown: it may hold the stream key.
 */
public final class DestinationAddress {

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("rtmp", 1935, "rtmps", 443, "http", 80, "https",
			443);

	private DestinationAddress() {
	}

	public static String of(String url) {
		URI uri = parse(url);
		if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
			return fallback(url);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		StringBuilder address = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
		if (uri.getPort() != -1 && !Integer.valueOf(uri.getPort()).equals(DEFAULT_PORTS.get(scheme))) {
			address.append(':').append(uri.getPort());
		}
		address.append(withoutTrailingSlashes((uri.getRawPath() != null) ? uri.getRawPath() : ""));
		String query = (uri.getRawQuery() != null) ? Arrays.stream(uri.getRawQuery().split("&"))
			.filter((parameter) -> !parameter.isEmpty() && !isSignature(parameter))
			.sorted()
			.collect(Collectors.joining("&")) : "";
		return query.isEmpty() ? address.toString() : address.append('?').append(query).toString();
	}

	/** The host of an address made by {@link #of}, lower case ("" when it has none). */
	public static String host(String address) {
		int start = address.indexOf("://");
		if (start < 0) {
			return "";
		}
		int end = start + 3;
		while (end < address.length() && "/?#:".indexOf(address.charAt(end)) < 0) {
			end++;
		}
		return address.substring(start + 3, end);
	}

	private static boolean isSignature(String parameter) {
		int equals = parameter.indexOf('=');
		String name = (equals < 0) ? parameter : parameter.substring(0, equals);
		return name.equalsIgnoreCase("auth_key");
	}

	private static String withoutTrailingSlashes(String path) {
		int end = path.length();
		while (end > 0 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

	/** Not a URL java.net reads: compared as written, fragment dropped. */
	private static String fallback(String url) {
		int hash = url.indexOf('#');
		return (hash < 0) ? url : url.substring(0, hash);
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
