package io.streamrelay.relaytask.persistence;

import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stored spec tests again on PostgreSQL, in a schema of their own rebuilt from the
 * migrations; skipped, loudly, unless STREAMRELAY_TEST_POSTGRES_URL names the database.
 */
@Import(PostgresTestDatabase.RebuildSchema.class)
class StoredSpecRowsPostgresTests extends StoredSpecRowsTests {

	@Autowired
	StoredSpecRowsPostgresTests(RelayTasks tasks, JdbcClient jdbc) {
		super(tasks, jdbc);
	}

	@BeforeAll
	static void requirePostgres() {
		PostgresTestDatabase.require("stored spec");
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "streamrelay_stored_spec_test");
	}

}
