package io.streamrelay.apps;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.Violation;

/**
 * Which URLs a caller may make the vendor push to or fetch from: RTMP destinations on the
 * app's allowed hosts, images over https on its allowed image hosts; never IP literals,
 * local, private or metadata addresses, credentials in URLs, or unusual ports.
 */
final class DestinationPolicy {

	private static final Set<String> FORBIDDEN_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
			"instance-data", "instance-data.ec2.internal");

	private static final List<String> FORBIDDEN_SUFFIXES = List.of(".localhost", ".local", ".internal", ".localdomain",
			".home.arpa", ".in-addr.arpa", ".ip6.arpa");

	// dotted quads, bare integers, hex and octal forms all reach an address without DNS
	private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}");

	private final List<String> destinationHosts;

	private final List<String> imageHosts;

	DestinationPolicy(AppSettings settings) {
		List<String> destinations = new ArrayList<>(settings.allowedDestinationHosts());
		destinations.add(settings.ingestDomain());
		this.destinationHosts = lower(destinations);
		this.imageHosts = lower(settings.allowedImageHosts());
	}

	List<Violation> check(RelaySpec spec) {
		List<Violation> violations = new ArrayList<>();
		for (int i = 0; i < spec.destinations().size(); i++) {
			checkDestination("destinations[" + i + "]", spec.destinations().get(i), violations);
		}
		MixedSpec mixed = spec.mixed();
		if (mixed != null) {
			if (mixed.background() != null) {
				checkImage("mixed.background.url", mixed.background().url(), violations);
			}
			for (int i = 0; i < mixed.panes().size(); i++) {
				Pane pane = mixed.panes().get(i);
				if (pane.backgroundImageUrl() != null) {
					checkImage("mixed.layout.panes[" + i + "].backgroundImageUrl", pane.backgroundImageUrl(),
							violations);
				}
			}
		}
		return violations;
	}

	private void checkDestination(String field, String url, List<Violation> violations) {
		URI uri = parse(url);
		if (uri == null || !"rtmp".equalsIgnoreCase(uri.getScheme())) {
			violations.add(new Violation(field, "must be a well-formed rtmp:// URL"));
			return;
		}
		if (!checkAuthority(field, uri, Set.of(1935), violations)) {
			return;
		}
		if (!matches(uri.getHost(), this.destinationHosts)) {
			violations.add(new Violation(field,
					"host " + uri.getHost().toLowerCase(Locale.ROOT)
							+ " is not an allowed destination host of this app (allowed: "
							+ String.join(", ", this.destinationHosts) + ")"));
		}
	}

	private void checkImage(String field, String url, List<Violation> violations) {
		URI uri = parse(url);
		if (uri == null || !"https".equalsIgnoreCase(uri.getScheme())) {
			violations.add(new Violation(field, "must be an https:// URL"));
			return;
		}
		if (!checkAuthority(field, uri, Set.of(443), violations)) {
			return;
		}
		if (!matches(uri.getHost(), this.imageHosts)) {
			violations.add(new Violation(field,
					"host " + uri.getHost().toLowerCase(Locale.ROOT) + " is not an allowed image host of this app"
							+ (this.imageHosts.isEmpty() ? " (none is configured: set allowed-image-hosts)"
									: " (allowed: " + String.join(", ", this.imageHosts) + ")")));
		}
	}

	private static boolean checkAuthority(String field, URI uri, Set<Integer> ports, List<Violation> violations) {
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			violations.add(new Violation(field, "must not carry credentials (user@host)"));
			return false;
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			violations.add(new Violation(field, "must name a host"));
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		while (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.startsWith("[") || name.contains(":") || NUMERIC_HOST.matcher(name).matches()) {
			violations.add(new Violation(field, "must name a host, not an IP address"));
			return false;
		}
		if (FORBIDDEN_NAMES.contains(name) || FORBIDDEN_SUFFIXES.stream().anyMatch(name::endsWith)
				|| !name.contains(".")) {
			violations.add(new Violation(field, "must not point at a local, internal or metadata host"));
			return false;
		}
		if (uri.getPort() != -1 && !ports.contains(uri.getPort())) {
			violations
				.add(new Violation(field, "must use the default port" + (ports.contains(1935) ? " (1935)" : " (443)")));
			return false;
		}
		return true;
	}

	private static boolean matches(String host, List<String> patterns) {
		String name = host.toLowerCase(Locale.ROOT);
		for (String pattern : patterns) {
			if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) && name.length() > pattern.length() - 1
					: name.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

	private static URI parse(String url) {
		try {
			URI uri = new URI(url);
			return uri.isOpaque() ? null : uri;
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static List<String> lower(List<String> hosts) {
		return hosts.stream().map((h) -> h.toLowerCase(Locale.ROOT)).distinct().toList();
	}

}
