package io.streamrelay.events;

import io.streamrelay.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The vendor-event store tests again on PostgreSQL, in a schema of their own rebuilt from
 * the migrations. Skipped, loudly, unless STREAMRELAY_TEST_POSTGRES_URL names the
 * database.
 */
@Import(PostgresTestDatabase.RebuildSchema.class)
class JdbcVendorEventsPostgresTests extends JdbcVendorEventsTests {

	@Autowired
	JdbcVendorEventsPostgresTests(JdbcClient jdbc) {
		super(jdbc);
	}

	@BeforeAll
	static void requirePostgres() {
		PostgresTestDatabase.require("vendor events");
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "streamrelay_test_events");
	}

}
