package io.streamrelay.relaytask.persistence;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.streamrelay.relaytask.RelayTasks;

/**
 * The H2 tests again on PostgreSQL, in a schema of their own that is rebuilt from the
 * migrations on every run. Skipped unless {@value #URL_VARIABLE} (system property or
 * environment variable) names the database.
 */
@Import(JdbcRelayTasksPostgresTests.RebuildSchema.class)
class JdbcRelayTasksPostgresTests extends JdbcRelayTasksTests {

	static final String URL_VARIABLE = "STREAMRELAY_TEST_POSTGRES_URL";

	static final String SCHEMA = "streamrelay_test";

	@Autowired
	JdbcRelayTasksPostgresTests(RelayTasks tasks, JdbcClient jdbc) {
		super(tasks, jdbc);
	}

	@BeforeAll
	static void requirePostgres() {
		if (setting(URL_VARIABLE) == null) {
			String message = "PostgreSQL tests SKIPPED: set " + URL_VARIABLE
					+ " (e.g. jdbc:postgresql://127.0.0.1:5432/test) to run the persistence tests on PostgreSQL";
			System.err.println("\n***** " + message + " *****\n");
			Assumptions.assumeTrue(false, message);
		}
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> withSchema(setting(URL_VARIABLE)));
		registry.add("spring.datasource.username", () -> orDefault(setting(URL_VARIABLE + "_USER"), "postgres"));
		registry.add("spring.datasource.password", () -> orDefault(setting(URL_VARIABLE + "_PASSWORD"), ""));
		registry.add("spring.flyway.schemas", () -> SCHEMA);
		registry.add("spring.flyway.clean-disabled", () -> "false");
	}

	private static String withSchema(String url) {
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
	}

	private static String setting(String name) {
		String value = System.getProperty(name);
		return (value != null && !value.isBlank()) ? value : blankToNull(System.getenv(name));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String orDefault(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Starts every run from an empty schema so that the migration itself is tested, not a
	 * leftover.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RebuildSchema {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return (Flyway flyway) -> {
				flyway.clean();
				flyway.migrate();
			};
		}

	}

}
