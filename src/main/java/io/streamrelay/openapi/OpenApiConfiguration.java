package io.streamrelay.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI contract: the default document ({@code /v3/api-docs}, checked in as
 * docs/openapi.json) holds the service's API only; the emulator's vendor RPC and control
 * routes are the group {@code emulator} ({@code /v3/api-docs/emulator}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String[] EMULATOR_PATHS = { "/", "/emulator/**" };

	@Bean
	OpenApiCustomizer streamrelayContract() {
		return (openApi) -> {
			withoutEmulatorRoutes(openApi);
			ApiDocument.customize(openApi);
			ApiOperations.customize(openApi);
			SchemaRules.customize(openApi);
			freeFormJson(openApi);
		};
	}

	/**
	 * A JSON value taken as it is (the SEI content: an object or a string) is documented
	 * as that, not as Jackson's JsonNode internals.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static void freeFormJson(OpenAPI openApi) {
		if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
			return;
		}
		for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
			Map<String, Schema> properties = schema.getProperties();
			if (properties == null) {
				continue;
			}
			properties.replaceAll((name, property) -> {
				if (property.get$ref() == null || !property.get$ref().endsWith("/JsonNode")) {
					return property;
				}
				return new Schema<>().description(property.getDescription())
					.oneOf(List.of(new ObjectSchema(), new StringSchema()));
			});
		}
		openApi.getComponents().getSchemas().remove("JsonNode");
	}

	/**
	 * The default document lists every route; the emulator's have their group. (The
	 * emulator group itself has no /v1 route and keeps its own.)
	 */
	static void withoutEmulatorRoutes(OpenAPI openApi) {
		if (openApi.getPaths() != null && openApi.getPaths().keySet().stream().anyMatch((p) -> p.startsWith("/v1/"))) {
			openApi.getPaths().keySet().removeIf((path) -> path.equals("/") || path.startsWith("/emulator/"));
		}
	}

	@Bean
	GroupedOpenApi emulatorGroup() {
		return GroupedOpenApi.builder()
			.group("emulator")
			.displayName("Vendor emulator (local runs and tests only)")
			.pathsToMatch(EMULATOR_PATHS)
			.build();
	}

}
