package io.streamrelay.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The document-wide parts of the contract: title, version, description, the bearer API
 * key, the server, the problem schema, the shared headers and the tags.
 */
// swagger-models is raw-typed (Schema<?> trees of mixed types)
@SuppressWarnings({ "rawtypes", "unchecked" })
final class ApiDocument {

	static final String SECURITY = "apiKey";

	static final String PROBLEM = "Problem";

	static final String VIOLATION = "Violation";

	private ApiDocument() {
	}

	static void customize(OpenAPI openApi) {
		openApi.info(new Info().title("streamrelay")
			.version("v1")
			.description("Server-side manager of Alibaba Cloud ARTC stream relay (MPU) tasks: start, update and stop "
					+ "relays of RTC channels to RTMP, with idempotent requests (Idempotency-Key), optimistic "
					+ "concurrency (ETag / If-Match) and RFC 9457 problems (application/problem+json) for every "
					+ "error. Every /v1 call needs an API key as a bearer token; every answer carries X-Request-Id."));
		openApi.servers(List.of(new Server().url("http://localhost:8080").description("a local run")));
		openApi.tags(List.of(new Tag().name(ApiOperations.TASKS).description("Relay tasks of an RTC application"),
				new Tag().name(ApiOperations.IDS).description("MPUTaskIds as the client SDKs compute them"),
				new Tag().name(ApiOperations.ORPHANS)
					.description("Relays the vendor runs that this service has no record of (admin keys)")));
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		components.addSecuritySchemes(SECURITY,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An API key: Authorization: Bearer <key>"));
		openApi.security(List.of(new SecurityRequirement().addList(SECURITY)));
		components.addSchemas(VIOLATION, violation());
		components.addSchemas(PROBLEM, problem());
		headers().forEach(components::addHeaders);
		ApiOperations.parameters().forEach(components::addParameters);
		components.setSchemas(new TreeMap<>(components.getSchemas()));
	}

	private static Schema<?> violation() {
		return new ObjectSchema().description("One broken rule")
			.addProperty("field", new StringSchema().description("The field, path or parameter, as the client sent it"))
			.addProperty("rule", new StringSchema().description("The rule it breaks"))
			.required(List.of("field", "rule"));
	}

	private static Schema<?> problem() {
		return new ObjectSchema().description("An RFC 9457 problem: every 4xx and 5xx answer")
			.addProperty("type", new StringSchema().format("uri").description("Stable problem type (see the README)"))
			.addProperty("title", new StringSchema().description("Constant per type"))
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema().description("What was wrong and what to send instead"))
			.addProperty("instance", new StringSchema().format("uri"))
			.addProperty("requestId", new StringSchema().description("The X-Request-Id of the request"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + VIOLATION))
						.description("Every broken rule (validation problems)"))
			.addProperty("taskId", new StringSchema())
			.addProperty("state", new StringSchema().description("The task's state (state conflicts)"))
			.addProperty("upstreamCode", new StringSchema().description("The vendor's error code"))
			.addProperty("upstreamRequestId", new StringSchema().description("The vendor's RequestId"))
			.required(List.of("type", "title", "status"));
	}

	static Map<String, Header> headers() {
		Map<String, Header> headers = new TreeMap<>();
		headers.put("X-Request-Id", header("The request's id: the caller's X-Request-Id when it is a plain token"
				+ " (1-128 of A-Z a-z 0-9 . _ : -), otherwise generated"));
		headers.put("ETag", header("The task's version, for If-Match"));
		headers.put("Location", header("The task's URL"));
		headers.put("Retry-After",
				new Header().description("Seconds to wait before retrying").schema(new IntegerSchema()));
		headers.put("Idempotent-Replayed",
				header("true when this is the stored answer to an earlier request with the same Idempotency-Key"));
		return headers;
	}

	private static Header header(String description) {
		return new Header().description(description).schema(new StringSchema());
	}

}
