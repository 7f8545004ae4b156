package io.streamrelay.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.streamrelay.apps.AppsProperties;
import io.streamrelay.security.ApiSecurityProperties;
import io.streamrelay.testing.TestHttp;
import io.streamrelay.upstream.aliyun.UpstreamProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/kubernetes/ and compose.yaml use what the service really has: probe paths that
 * answer, its port, environment variables and configuration keys that bind (unknown keys
 * fail, as Boot's ignoreUnknownFields=false would), the Secret and ConfigMap they
 * reference.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:deploy;DB_CLOSE_DELAY=-1" })
class DeployFilesTest {

	/** Read by the code itself (UpstreamCredentials), not bound as properties. */
	static final Set<String> VARIABLES = Set.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET");

	@LocalServerPort
	int port;

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> documents(String file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		new Yaml().loadAll(Files.readString(Path.of(file))).forEach((doc) -> documents.add((Map<String, Object>) doc));
		return documents;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> container() throws IOException {
		Map<String, Object> deployment = documents("deploy/kubernetes/deployment.yaml").get(0);
		Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment
			.get("spec")).get("template")).get("spec");
		return ((List<Map<String, Object>>) spec.get("containers")).get(0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void probePathsAnswerAndThePortIsTheServicesPort() throws IOException {
		Map<String, Object> container = container();
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			String path = (String) ((Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet"))
				.get("path");
			assertThat(new TestHttp(this.port, null).send("GET", path, null).status()).as(probe + " " + path)
				.isEqualTo(200);
		}
		Map<String, Object> application = new Yaml()
			.load(Files.readString(Path.of("src/main/resources/application.yml")));
		Object serverPort = ((Map<String, Object>) application.get("server")).get("port");
		assertThat(((List<Map<String, Object>>) container.get("ports")).get(0).get("containerPort"))
			.isEqualTo(serverPort);
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("EXPOSE " + serverPort);
		Map<String, Object> compose = documents("compose.yaml").get(0);
		Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services"))
			.get("streamrelay");
		assertThat((List<String>) service.get("ports")).allMatch((mapping) -> mapping.endsWith(":" + serverPort));
	}

	@Test
	@SuppressWarnings("unchecked")
	void environmentVariablesAreOnesTheServiceReadsOrBinds() throws IOException {
		Map<String, Object> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : (List<Map<String, Object>>) container().get("env")) {
			env.put((String) variable.get("name"), String.valueOf(variable.getOrDefault("value", "x")));
		}
		Map<String, Object> compose = documents("compose.yaml").get(0);
		env.putAll((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) compose.get("services"))
			.get("streamrelay")).get("environment"));
		assertThat(env).isNotEmpty();
		Set<String> known = metadataKeys();
		env.forEach((name, value) -> {
			if (VARIABLES.contains(name)) {
				return;
			}
			if (name.startsWith("STREAMRELAY_")) {
				assertBinds(Map.of(name.toLowerCase().replace('_', '.'), value));
			}
			else {
				assertThat(known).as(name + " is a Spring Boot property").contains(normalized(name));
			}
		});
		for (Map<String, Object> document : documents("deploy/kubernetes/secret.example.yaml")) {
			Set<String> referenced = new HashSet<>();
			for (Map<String, Object> variable : (List<Map<String, Object>>) container().get("env")) {
				Map<String, Object> from = (Map<String, Object>) variable.get("valueFrom");
				if (from != null) {
					Map<String, Object> ref = (Map<String, Object>) from.get("secretKeyRef");
					assertThat(ref.get("name")).isEqualTo(((Map<String, Object>) document.get("metadata")).get("name"));
					referenced.add((String) ref.get("key"));
				}
			}
			assertThat(((Map<String, Object>) document.get("stringData")).keySet()).isEqualTo(referenced);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theConfigMapsSettingsBindWithoutUnknownKeys() throws IOException {
		Map<String, Object> configMap = documents("deploy/kubernetes/configmap.yaml").get(0);
		String yml = (String) ((Map<String, Object>) configMap.get("data")).get("streamrelay.yml");
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", new Yaml().load(yml), flat);
		assertThat(flat).containsKey("streamrelay.upstream.mode");
		Set<String> known = metadataKeys();
		Map<String, Object> ours = new LinkedHashMap<>();
		flat.forEach((key, value) -> {
			if (key.startsWith("streamrelay.")) {
				ours.put(key, value);
			}
			else {
				assertThat(known).as(key + " is a Spring Boot property").contains(normalized(key));
			}
		});
		assertBinds(ours);
		String mountedAt = "/app/config";
		assertThat(Files.readString(Path.of("Dockerfile"))).contains(mountedAt);
		assertThat(Files.readString(Path.of("deploy/kubernetes/deployment.yaml"))).contains("mountPath: " + mountedAt)
			.contains("name: " + ((Map<String, Object>) configMap.get("metadata")).get("name"));
	}

	@Test
	void aMistypedKeyWouldFailTheseChecks() {
		assertThatThrownBy(() -> assertBinds(Map.of("streamrelay.upstream.endpiont", "x")))
			.isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> assertBinds(Map.of("streamrelay.security.api-keys[0].sha265", "x")))
			.isInstanceOf(AssertionError.class);
		assertThatNoException().isThrownBy(() -> assertBinds(Map.of("streamrelay.upstream.endpoint", "x")));
	}

	/**
	 * Binds every streamrelay.* group strictly: a key no record component takes fails.
	 */
	static void assertBinds(Map<String, Object> dotted) {
		Map<String, Class<?>> groups = Map.of("streamrelay.upstream", UpstreamProperties.class, "streamrelay.security",
				ApiSecurityProperties.class, "streamrelay", AppsProperties.class);
		dotted.keySet()
			.forEach((key) -> assertThat(key).as("a group this test binds")
				.matches("streamrelay\\.(upstream|security|apps)\\..+"));
		groups.forEach((prefix, type) -> {
			Map<String, Object> group = new LinkedHashMap<>();
			dotted.forEach((key, value) -> {
				boolean apps = key.startsWith("streamrelay.apps.");
				if (prefix.equals("streamrelay") ? apps : key.startsWith(prefix + ".")) {
					group.put(key, value);
				}
			});
			MutablePropertySources sources = new MutablePropertySources();
			sources.addFirst(new MapPropertySource(prefix, group));
			Binder binder = new Binder(ConfigurationPropertySources.from(sources));
			assertThatNoException().as(prefix + " " + group)
				.isThrownBy(() -> binder.bind(prefix, Bindable.of(type),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT)));
		});
	}

	@SuppressWarnings("unchecked")
	static void flatten(String prefix, Object value, Map<String, Object> into) {
		if (value instanceof Map<?, ?> map) {
			((Map<String, Object>) map)
				.forEach((key, child) -> flatten(prefix.isEmpty() ? key : prefix + "." + key, child, into));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), into);
			}
		}
		else {
			into.put(prefix, String.valueOf(value));
		}
	}

	static String normalized(String name) {
		return name.toLowerCase().replaceAll("\\[\\d+]", "").replace("_", ".").replace("-", "");
	}

	static Set<String> metadataKeys() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Set<String> keys = new HashSet<>();
		for (URL url : Collections
			.list(DeployFilesTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				JsonNode properties = json.readTree(in).get("properties");
				if (properties != null) {
					properties.forEach((property) -> keys.add(normalized(property.get("name").asString())));
				}
			}
		}
		return keys;
	}

}
