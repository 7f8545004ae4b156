package io.streamrelay.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL named by STREAMRELAY_TEST_POSTGRES_URL (CI sets it), with a fresh
 * schema per test class; without it the calling test is skipped, saying so loudly.
 */
public final class PostgresSchemas {

	private PostgresSchemas() {
	}

	/** Datasource and Flyway properties for an emptied {@code schema}. */
	public static Map<String, String> fresh(String schema) {
		String url = System.getenv("STREAMRELAY_TEST_POSTGRES_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("STREAMRELAY_TEST_POSTGRES_URL");
		}
		if (url == null || url.isBlank()) {
			System.err.println("***** PostgreSQL tests SKIPPED (" + schema + "): set STREAMRELAY_TEST_POSTGRES_URL "
					+ "(e.g. jdbc:postgresql://127.0.0.1:5432/test) to run them *****");
		}
		Assumptions.assumeTrue(url != null && !url.isBlank(),
				"PostgreSQL tests SKIPPED: set STREAMRELAY_TEST_POSTGRES_URL");
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + schema + " cascade");
			statement.execute("create schema " + schema);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot prepare schema " + schema + " on " + url, ex);
		}
		String separator = url.contains("?") ? "&" : "?";
		return Map.of("spring.datasource.url", url + separator + "currentSchema=" + schema,
				"spring.datasource.username", "postgres", "spring.datasource.password", "", "spring.flyway.schemas",
				schema);
	}

}
