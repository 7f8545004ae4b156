package io.streamrelay.routes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The emulator's endpoints: its vendor RPC ({@code /}) and its control endpoints
 * ({@code /emulator/**}). One rule for the filters that treat them apart.
 */
public final class EmulatorPaths {

	private EmulatorPaths() {
	}

	/** The request's path inside the application, {@code /} for the root. */
	public static String path(HttpServletRequest request) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return path.isEmpty() ? "/" : path;
	}

	/** Whether the request is for one of the emulator's endpoints. */
	public static boolean covers(HttpServletRequest request) {
		String path = path(request);
		return path.equals("/") || path.equals("/emulator") || path.startsWith("/emulator/");
	}

	/** Whether the request is for the emulator's vendor RPC endpoint. */
	public static boolean isVendorEndpoint(HttpServletRequest request) {
		return path(request).equals("/");
	}

}
