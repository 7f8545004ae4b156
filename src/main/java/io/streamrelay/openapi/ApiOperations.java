package io.streamrelay.openapi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Per operation: tag, summary, every status it answers (errors as problems), and the
 * headers it takes and gives. Operations not listed here (added later) get the answers
 * every route can give.
 */
final class ApiOperations {

	static final String TASKS = "Relay tasks";

	static final String IDS = "MPUTaskIds";

	static final String ORPHANS = "Orphan guard";

	private static final String TASK_PATH = "/v1/apps/{appId}/relay-tasks/{taskId}";

	/** What any /v1 route may answer, whatever it does. */
	private static final Set<String> ALWAYS = Set.of("400", "401", "403", "404", "406", "429", "500");

	/** What a route that calls the vendor may answer besides. */
	private static final Set<String> VENDOR = Set.of("409", "422", "502", "503", "504");

	/** What a route with a body may answer besides. */
	private static final Set<String> BODY = Set.of("413", "415");

	private static final Map<String, Known> KNOWN = Map.of( //
			"post /v1/apps/{appId}/relay-tasks",
			new Known(TASKS, "Start a relay task",
					"Starts the relay at the vendor. 201 with the new task; 200 with the task as it is when the same"
							+ " start is repeated (a retry after a timeout).",
					"201", union(VENDOR, BODY)),
			"post /v1/apps/{appId}/relay-tasks/adoptions",
			new Known(TASKS, "Adopt a relay started by a client SDK",
					"Takes over a relay that runs at the vendor under its MPUTaskId, without calling StartLiveMPUTask.",
					"201", union(VENDOR, BODY)),
			"get /v1/apps/{appId}/relay-tasks", new Known(TASKS, "List relay tasks", null, "200", Set.of()),
			"get " + TASK_PATH, new Known(TASKS, "Get a relay task", null, "200", Set.of()), "patch " + TASK_PATH,
			new Known(TASKS, "Change a running relay task (JSON merge patch)",
					"RFC 7396 merge patch of the task's spec: members given replace, null removes, absent stay.", "200",
					union(VENDOR, BODY, Set.of("412"))),
			"delete " + TASK_PATH, new Known(TASKS, "Stop a relay task", null, "200", union(VENDOR, Set.of("412"))),
			"get " + TASK_PATH + "/events", new Known(TASKS, "A relay task's history",
					"Every vendor call and what the reconciler found, oldest first.", "200", Set.of()),
			"get /v1/apps/{appId}/mpu-task-ids",
			new Known(IDS, "Compute an MPUTaskId",
					"The MPUTaskId a client SDK computes for the same app, channel and user.", "200", Set.of()),
			"get /v1/apps/{appId}/unmanaged-relays",
			new Known(ORPHANS, "List unmanaged relays",
					"Admin keys only. The API-created relays the vendor lists for the app (ListRtcMPUTaskDetail)"
							+ " that this service has no record of, and the app's policy (report, adopt, stop).",
					"200", Set.of("502", "503", "504")),
			"get /v1/apps/{appId}/unmanaged-relays/history",
			new Known(ORPHANS, "Unmanaged relays: the orphan guard's history",
					"Admin keys only; no vendor call. What the orphan guard did about unmanaged relays (reported when"
							+ " first seen, adopted, stopped with the outcome), oldest first, in pages.",
					"200", Set.of()));

	private ApiOperations() {
	}

	static void customize(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			if (path.startsWith("/v1/")) {
				describe(method, path, operation);
			}
		}));
	}

	private static void describe(PathItem.HttpMethod method, String path, Operation operation) {
		String verb = method.name().toLowerCase();
		Known known = KNOWN.get(verb + " " + path);
		String success = (known != null) ? known.success() : firstSuccess(operation);
		if (known != null) {
			operation.tags(List.of(known.tag())).summary(known.summary()).description(known.description());
		}
		Set<String> errors = new java.util.TreeSet<>(ALWAYS);
		if (known != null) {
			errors.addAll(known.errors());
		}
		if (operation.getRequestBody() != null) {
			errors.addAll(BODY);
		}
		boolean changes = Set.of("post", "put", "patch", "delete").contains(verb);
		if (changes) {
			operation.addParametersItem(idempotencyKey());
		}
		operation.addParametersItem(new Parameter().$ref("#/components/parameters/X-Request-Id"));
		operation
			.setResponses(responses(operation.getResponses(), success, errors, known != null && known.etag(), changes));
	}

	private static ApiResponses responses(ApiResponses generated, String success, Set<String> errors, boolean etag,
			boolean changes) {
		Map<String, ApiResponse> sorted = new TreeMap<>();
		ApiResponse ok = generated.values().stream().findFirst().orElseGet(ApiResponse::new);
		ok.description(success.equals("201") ? "Created" : "OK");
		ok.addHeaderObject("X-Request-Id", ref("X-Request-Id"));
		if (etag) {
			ok.addHeaderObject("ETag", ref("ETag"));
		}
		if (success.equals("201")) {
			ok.addHeaderObject("Location", ref("Location"));
		}
		if (changes) {
			ok.addHeaderObject("Idempotent-Replayed", ref("Idempotent-Replayed"));
		}
		sorted.put(success, ok);
		if (success.equals("201")) {
			sorted.put("200", copyOf(ok, "OK: the same start repeated, the task as it is"));
		}
		for (String status : errors) {
			sorted.put(status, problem(status));
		}
		ApiResponses responses = new ApiResponses();
		sorted.forEach(responses::addApiResponse);
		return responses;
	}

	private static ApiResponse copyOf(ApiResponse ok, String description) {
		return new ApiResponse().description(description).content(ok.getContent()).headers(ok.getHeaders());
	}

	private static ApiResponse problem(String status) {
		ApiResponse response = new ApiResponse().description(ProblemStatuses.describe(status))
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ApiDocument.PROBLEM))));
		response.addHeaderObject("X-Request-Id", ref("X-Request-Id"));
		if (status.equals("429") || status.equals("503")) {
			response.addHeaderObject("Retry-After", ref("Retry-After"));
		}
		return response;
	}

	private static Header ref(String name) {
		return new Header().$ref("#/components/headers/" + name);
	}

	private static Parameter idempotencyKey() {
		return new Parameter().$ref("#/components/parameters/Idempotency-Key");
	}

	private static String firstSuccess(Operation operation) {
		return (operation.getResponses() == null || operation.getResponses().isEmpty()) ? "200"
				: operation.getResponses().keySet().iterator().next();
	}

	@SafeVarargs
	private static Set<String> union(Set<String>... sets) {
		Set<String> all = new java.util.TreeSet<>();
		for (Set<String> set : sets) {
			all.addAll(set);
		}
		return all;
	}

	static Map<String, Parameter> parameters() {
		Map<String, Parameter> parameters = new TreeMap<>();
		parameters.put("Idempotency-Key", new Parameter().in("header")
			.name("Idempotency-Key")
			.required(false)
			.description("Makes a retry safe: the same key with the same request replays the stored answer"
					+ " (Idempotent-Replayed: true) for 24 h; with a different request it is 422. 1-255 printable"
					+ " ASCII characters.")
			.schema(new StringSchema().minLength(1).maxLength(255)));
		parameters.put("X-Request-Id",
				new Parameter().in("header")
					.name("X-Request-Id")
					.required(false)
					.description("The caller's id for this request, echoed and logged; a generated one otherwise")
					.schema(new StringSchema().pattern("^[A-Za-z0-9._:-]{1,128}$")));
		return parameters;
	}

	private record Known(String tag, String summary, String description, String success, Set<String> errors,
			boolean etag) {

		Known(String tag, String summary, String description, String success, Set<String> errors) {
			this(tag, summary, description, success, errors,
					!IDS.equals(tag) && !summary.startsWith("List") && !summary.endsWith("history"));
		}

	}

}
