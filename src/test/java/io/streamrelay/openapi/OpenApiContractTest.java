package io.streamrelay.openapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in contract {@code docs/openapi.json} is the live document: this test fails
 * when they drift. After a deliberate API change, regenerate it with
 * {@code ./mvnw -B test -Dtest=OpenApiContractTest -Dopenapi.write=true} and review the
 * diff. A real validator (swagger-parser) checks the checked-in file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:openapi;DB_CLOSE_DELAY=-1" })
class OpenApiContractTest {

	static final Path CHECKED_IN = Path.of("docs/openapi.json");

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@LocalServerPort
	int port;

	@Test
	void theCheckedInDocumentIsTheLiveDocument() throws Exception {
		TestHttp.Reply live = new TestHttp(this.port, null).send("GET", "/v3/api-docs", null);
		assertThat(live.status()).isEqualTo(200);
		String pretty = pretty(JSON.readTree(live.body()));
		if (Boolean.getBoolean("openapi.write")) {
			Files.writeString(CHECKED_IN, pretty);
		}
		assertThat(Files.readString(CHECKED_IN))
			.as("docs/openapi.json drifted from the live /v3/api-docs; if the change is intended, regenerate it: "
					+ "./mvnw -B test -Dtest=OpenApiContractTest -Dopenapi.write=true")
			.isEqualTo(pretty);
	}

	@Test
	void theEmulatorsRoutesAreAGroupOfTheirOwn() {
		TestHttp.Reply emulator = new TestHttp(this.port, null).send("GET", "/v3/api-docs/emulator", null);
		assertThat(emulator.status()).isEqualTo(200);
		assertThat(emulator.json().get("paths").propertyNames()).contains("/", "/emulator/faults");
	}

	@Test
	void theCheckedInDocumentIsValidOpenApi() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIParser().readLocation(CHECKED_IN.toUri().toString(), null, options);
		List<String> messages = result.getMessages();
		assertThat(messages).as("swagger-parser messages").isEmpty();
		assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("streamrelay");
		assertThat(result.getOpenAPI().getPaths()).isNotEmpty().doesNotContainKey("/");
	}

	static String pretty(JsonNode node) {
		return JSON.writeValueAsString(node) + "\n";
	}

}
