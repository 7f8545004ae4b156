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
 * The H2 tests again on PostgreSQL, in a schema of their own that is rebuilt from the
 * migrations on every run. Skipped, loudly, unless STREAMRELAY_TEST_POSTGRES_URL (system
 * property or environment variable) names the database.
 */
@Import(PostgresTestDatabase.RebuildSchema.class)
class JdbcRelayTasksPostgresTests extends JdbcRelayTasksTests {

	static final String SCHEMA = "streamrelay_test";

	@Autowired
	JdbcRelayTasksPostgresTests(RelayTasks tasks, JdbcClient jdbc) {
		super(tasks, jdbc);
	}

	@BeforeAll
	static void requirePostgres() {
		PostgresTestDatabase.require("persistence");
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, SCHEMA);
	}

}
