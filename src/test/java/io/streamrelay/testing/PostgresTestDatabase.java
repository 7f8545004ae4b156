package io.streamrelay.testing;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL named by {@value #URL_VARIABLE} (system property or environment
 * variable), in a schema of the test's own that is rebuilt from the migrations on every
 * run; tests are skipped loudly when it is unset.
 */
public final class PostgresTestDatabase {

	public static final String URL_VARIABLE = "STREAMRELAY_TEST_POSTGRES_URL";

	private PostgresTestDatabase() {
	}

	public static void require(String what) {
		if (setting(URL_VARIABLE) == null) {
			String message = "PostgreSQL tests SKIPPED (" + what + "): set " + URL_VARIABLE
					+ " (e.g. jdbc:postgresql://127.0.0.1:5432/test) to run them on PostgreSQL";
			System.err.println("\n***** " + message + " *****\n");
			Assumptions.assumeTrue(false, message);
		}
	}

	public static void register(DynamicPropertyRegistry registry, String schema) {
		registry.add("spring.datasource.url", () -> withSchema(setting(URL_VARIABLE), schema));
		registry.add("spring.datasource.username", () -> orDefault(setting(URL_VARIABLE + "_USER"), "postgres"));
		registry.add("spring.datasource.password", () -> orDefault(setting(URL_VARIABLE + "_PASSWORD"), ""));
		registry.add("spring.flyway.schemas", () -> schema);
		registry.add("spring.flyway.clean-disabled", () -> "false");
	}

	private static String withSchema(String url, String schema) {
		if (url == null) {
			return "jdbc:postgresql://unset/unset";
		}
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	private static String setting(String name) {
		String value = System.getProperty(name);
		if (value != null && !value.isBlank()) {
			return value;
		}
		String env = System.getenv(name);
		return (env == null || env.isBlank()) ? null : env;
	}

	private static String orDefault(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Starts every run from an empty schema so that the migrations themselves are tested.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class RebuildSchema {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return (Flyway flyway) -> {
				flyway.clean();
				flyway.migrate();
			};
		}

	}

}
