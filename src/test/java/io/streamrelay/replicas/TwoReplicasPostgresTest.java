package io.streamrelay.replicas;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/** The replicas share one PostgreSQL database; runs when STREAMRELAY_TEST_POSTGRES_URL is set (CI sets it). */
class TwoReplicasPostgresTest extends TwoReplicasTest {

	static final String SCHEMA = "replicas_test";

	@Override
	Map<String, String> database() {
		String url = System.getenv("STREAMRELAY_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("STREAMRELAY_TEST_POSTGRES_URL");
		}
		if (url == null || url.isBlank()) {
			System.err.println("***** PostgreSQL replicas tests SKIPPED: set STREAMRELAY_TEST_POSTGRES_URL "
					+ "(e.g. jdbc:postgresql://127.0.0.1:5432/test) to run them *****");
		}
		Assumptions.assumeTrue(url != null && !url.isBlank(),
				"PostgreSQL replicas tests SKIPPED: set STREAMRELAY_TEST_POSTGRES_URL");
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + SCHEMA + " cascade");
			statement.execute("create schema " + SCHEMA);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot prepare schema " + SCHEMA + " on " + url, ex);
		}
		String separator = url.contains("?") ? "&" : "?";
		return Map.of("spring.datasource.url", url + separator + "currentSchema=" + SCHEMA,
				"spring.datasource.username", "postgres", "spring.datasource.password", "",
				"spring.flyway.schemas", SCHEMA);
	}

}
