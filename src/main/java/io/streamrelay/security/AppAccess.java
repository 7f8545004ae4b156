package io.streamrelay.security;

import io.streamrelay.routes.ApiRoute;

/**
 * Whether a caller may use an API route, and if not, what to answer: another app's tasks
 * answer exactly as a task or app that does not exist would, other routes answer 403, and
 * a path no route matches answers 404 whoever asks.
 */
record AppAccess(Verdict verdict, String appId, String taskId) {

	/** Routes whose refusal must not reveal whether another app or its task exists. */
	private static final String TASK_ROUTES = "/v1/apps/{appId}/relay-tasks";

	/** Operations routes: admin keys only (of the app, or of every app). */
	private static final java.util.Set<String> ADMIN_ROUTES = java.util.Set.of("/v1/apps/{appId}/unmanaged-relays",
			"/v1/apps/{appId}/unmanaged-relays/history");

	/** The outcome of an access check. */
	enum Verdict {

		ALLOWED, NO_ROUTE, UNKNOWN_TASK, UNKNOWN_APP, FORBIDDEN_APP, FORBIDDEN_ROLE

	}

	/**
	 * Decides on the route as MVC resolved it (decoded variables), never on the raw URL,
	 * so every spelling of a path gets the same answer.
	 */
	static AppAccess decide(ApiRoute route, String method, ApiKeyAuthentication caller) {
		if (!route.known()) {
			return new AppAccess(Verdict.NO_ROUTE, null, null);
		}
		// a route without an app (none today) is for keys on every app only
		String appId = (route.appId() != null) ? route.appId() : "";
		String taskId = route.variable("taskId");
		if (!caller.key().mayActOn(appId)) {
			if (route.pattern().startsWith(TASK_ROUTES)) {
				return new AppAccess((taskId != null) ? Verdict.UNKNOWN_TASK : Verdict.UNKNOWN_APP, appId, taskId);
			}
			return new AppAccess(Verdict.FORBIDDEN_APP, appId, taskId);
		}
		if (ADMIN_ROUTES.contains(route.pattern()) && caller.key().role() != Role.ADMIN) {
			return new AppAccess(Verdict.FORBIDDEN_ROLE, appId, taskId);
		}
		boolean reading = "GET".equals(method) || "HEAD".equals(method);
		if (!reading && !caller.key().role().mayWrite()) {
			return new AppAccess(Verdict.FORBIDDEN_ROLE, appId, taskId);
		}
		return new AppAccess(Verdict.ALLOWED, appId, taskId);
	}

}
