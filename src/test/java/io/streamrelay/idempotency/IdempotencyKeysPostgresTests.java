package io.streamrelay.idempotency;

import io.streamrelay.testing.MutableClock;
import io.streamrelay.testing.PostgresTestDatabase;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The key store tests again on PostgreSQL; skipped loudly unless the test database is
 * named.
 */
@Import(PostgresTestDatabase.RebuildSchema.class)
class IdempotencyKeysPostgresTests extends IdempotencyKeysTests {

	@Autowired
	IdempotencyKeysPostgresTests(IdempotencyKeys keys, MutableClock clock, JdbcClient jdbc) {
		super(keys, clock, jdbc);
	}

	@BeforeAll
	static void requirePostgres() {
		PostgresTestDatabase.require("idempotency key store");
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "streamrelay_idem_keys_test");
	}

}
