package io.streamrelay.openapi;

import io.swagger.v3.oas.models.OpenAPI;
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
		};
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
