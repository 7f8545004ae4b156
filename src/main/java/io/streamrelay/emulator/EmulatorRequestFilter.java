package io.streamrelay.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.routes.EmulatorPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the emulator's paths ({@code /} and {@code /emulator/**}) before anything else
 * reads them: loopback callers only unless opened, and a body cap counted on the bytes
 * actually read, chunked or declared.
 */
final class EmulatorRequestFilter extends OncePerRequestFilter {

	/**
	 * Before the service's own body limit and Spring Security, so that a remote caller is
	 * refused before anything is read or authenticated.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	/**
	 * Set by Tomcat's RemoteIpValve when it replaced the peer address with a proxy's
	 * claim.
	 */
	private static final String CONTAINER_FORWARDED = "org.apache.tomcat.request.forwarded";

	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	// starts with a hex digit or ':' and holds a ':', so InetAddress parses it and never
	// looks it up; a zone (%eth0) is no loopback
	private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

	private final boolean allowRemoteCallers;

	private final int maxBodyBytes;

	EmulatorRequestFilter(boolean allowRemoteCallers, int maxBodyBytes) {
		this.allowRemoteCallers = allowRemoteCallers;
		this.maxBodyBytes = maxBodyBytes;
	}

	/**
	 * Whether the caller is on this host: the container's TCP peer is loopback and no
	 * proxy stands in between. A proxied request comes from elsewhere, whatever address a
	 * forwarding header or a wrapper built from one claims.
	 */
	static boolean isLocalCaller(HttpServletRequest request) {
		ServletRequest container = request;
		while (container instanceof ServletRequestWrapper wrapper) {
			container = wrapper.getRequest();
		}
		if (!(container instanceof HttpServletRequest peer) || peer.getAttribute(CONTAINER_FORWARDED) != null) {
			return false;
		}
		for (String header : FORWARDING_HEADERS) {
			if (peer.getHeader(header) != null) {
				return false;
			}
		}
		return isLoopback(peer.getRemoteAddr());
	}

	/**
	 * Whether the address is in 127.0.0.0/8 or is ::1 (IPv4-mapped included); a host name
	 * is never resolved and never counts.
	 */
	static boolean isLoopback(String address) {
		if (address == null) {
			return false;
		}
		Matcher ipv4 = IPV4.matcher(address);
		if (ipv4.matches()) {
			return Integer.parseInt(ipv4.group(1)) == 127;
		}
		if (!IPV6.matcher(address).matches()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !EmulatorPaths.covers(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean vendorEndpoint = EmulatorPaths.isVendorEndpoint(request);
		if (!this.allowRemoteCallers && !isLocalCaller(request)) {
			refuse(response, vendorEndpoint,
					new ApiError(403, "Forbidden.RemoteCaller",
							"The emulator answers callers on this host only (loopback, not through a proxy); "
									+ "set streamrelay.emulator.allow-remote-callers=true to open it to other hosts."));
			return;
		}
		ParsedRequest parsed;
		try {
			parsed = ParsedRequest.read(request, this.maxBodyBytes);
		}
		catch (ApiError refusal) {
			refuse(response, vendorEndpoint, refusal);
			return;
		}
		chain.doFilter(parsed, response);
	}

	/**
	 * The servlet path is decoded and normalised by the container (dot segments, path
	 * parameters), so a disguised path is still recognised.
	 */
	/**
	 * The vendor endpoint answers in the vendor's error shape, the control endpoints with
	 * a problem.
	 */
	private static void refuse(HttpServletResponse response, boolean vendorEndpoint, ApiError error)
			throws IOException {
		// the rest of a refused body is never read, so the connection cannot be reused
		Map<String, String> headers = (error.status() == 413) ? Map.of("Connection", "close") : Map.of();
		if (!vendorEndpoint) {
			Problems.write(response, problemType(error.status()), error.getMessage(), Map.of("code", error.code()),
					headers);
			return;
		}
		byte[] body = error.vendorBody().getBytes(StandardCharsets.UTF_8);
		response.resetBuffer();
		response.setStatus(error.status());
		response.setContentType(MpuApiController.JSON_UTF8.toString());
		headers.forEach(response::setHeader);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static ProblemType problemType(int status) {
		return switch (status) {
			case 403 -> ProblemTypes.FORBIDDEN;
			case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
			default -> ProblemTypes.EMULATOR_REFUSED.withStatus(status);
		};
	}

}
