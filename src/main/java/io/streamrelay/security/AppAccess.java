package io.streamrelay.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a caller may use a {@code /v1/apps/{appId}/...} route, and if not, what to
 * answer: another app's tasks answer exactly as a task or app that does not exist would;
 * other routes answer 403.
 */
record AppAccess(Verdict verdict, String appId, String taskId) {

	/** The outcome of an access check. */
	enum Verdict {

		ALLOWED, UNKNOWN_TASK, UNKNOWN_APP, FORBIDDEN_APP, FORBIDDEN_ROLE

	}

	static AppAccess decide(HttpServletRequest request, ApiKeyAuthentication caller) {
		String[] segments = request.getRequestURI().substring(request.getContextPath().length()).split("/");
		// ["", "v1", "apps", appId, route, taskId?, ...]
		String appId = segments.length > 3 ? segments[3] : "";
		String route = segments.length > 4 ? segments[4] : "";
		String taskId = segments.length > 5 ? segments[5] : null;
		if (!caller.key().mayActOn(appId)) {
			if (route.equals("relay-tasks")) {
				boolean taskRoute = taskId != null
						&& !("POST".equals(request.getMethod()) && taskId.equals("adoptions"));
				return new AppAccess(taskRoute ? Verdict.UNKNOWN_TASK : Verdict.UNKNOWN_APP, appId, taskId);
			}
			return new AppAccess(Verdict.FORBIDDEN_APP, appId, taskId);
		}
		boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		if (!reading && !caller.key().role().mayWrite()) {
			return new AppAccess(Verdict.FORBIDDEN_ROLE, appId, taskId);
		}
		return new AppAccess(Verdict.ALLOWED, appId, taskId);
	}

}
