package io.streamrelay.replicas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.streamrelay.StreamRelayApplication;
import io.streamrelay.testing.TestHttp;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Several real instances of the service in one JVM sharing one database, as replicas
 * would. Replica 0 hosts the emulator; the others run in aliyun mode against it, so every
 * vendor call lands in one emulator.
 */
public final class Replicas implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	Replicas(int count, Map<String, String> database) {
		for (int i = 0; i < count; i++) {
			List<String> properties = new ArrayList<>();
			database.forEach((key, value) -> properties.add(key + "=" + value));
			properties.add("server.port=0");
			properties.add("spring.main.banner-mode=off");
			properties.add("streamrelay.emulator.stream-url-cooldown=0s");
			properties.add("streamrelay.reconciler.enabled=false");
			properties.add("streamrelay.reconciler.grace=0s");
			// racing writers retry a conflict at once; the per-key rate limit has its own
			// test
			properties.add("streamrelay.security.requests-per-second-per-key=100000");
			properties.addAll(io.streamrelay.security.TestKeys.ADMIN_PROPERTIES);
			if (i > 0) {
				properties.add("streamrelay.upstream.mode=aliyun");
				properties.add("streamrelay.upstream.endpoint=127.0.0.1:" + port(0));
				properties.add("streamrelay.upstream.protocol=HTTP");
				// the vendor here is the emulator, whose list holds running tasks only
				properties.add("streamrelay.upstream.list-keeps-stopped=false");
				properties.add("streamrelay.upstream.access-key-id=LTAIemulatorKey");
				properties.add("streamrelay.upstream.access-key-secret=emulator-secret");
				// only the first replica may clean the shared schema
				properties.add("spring.flyway.clean-on-validation-error=false");
			}
			this.contexts.add(start(properties));
		}
	}

	/** A plain instance of the service (not a test context) with these properties. */
	public static ConfigurableApplicationContext start(List<String> properties) {
		return new SpringApplicationBuilder(StreamRelayApplication.class).initializers((context) -> {
			TestPropertyValues.of(properties).applyTo(context);
			context.getBeanFactory().registerSingleton("excludeTestClasses", new ExcludeTestClasses());
		}).run();
	}

	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	ConfigurableApplicationContext context(int replica) {
		return this.contexts.get(replica);
	}

	int port(int replica) {
		return ((WebServerApplicationContext) this.contexts.get(replica)).getWebServer().getPort();
	}

	Reply send(int replica, String method, String path, String contentType, String body) {
		TestHttp.Reply reply = new TestHttp(port(replica), io.streamrelay.security.TestKeys.BEARER_ADMIN).send(method,
				path, body == null ? null : body.replace('\'', '"'),
				contentType == null ? Map.of() : Map.of("Content-Type", contentType));
		return new Reply(reply.status(), reply.body());
	}

	@Override
	public void close() {
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
	}

	/** An HTTP answer. */
	record Reply(int status, String body) {
	}

	/**
	 * Keeps test-only configuration out of the replicas' component scan (the Spring test
	 * framework does this for its own contexts; these are plain applications).
	 */
	static final class ExcludeTestClasses extends TypeExcludeFilter {

		private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			try {
				String location = reader.getResource().getURI().toString();
				return location.startsWith(TEST_CLASSES.toUri().toString());
			}
			catch (IOException ex) {
				return false;
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ExcludeTestClasses;
		}

		@Override
		public int hashCode() {
			return ExcludeTestClasses.class.hashCode();
		}

	}

}
