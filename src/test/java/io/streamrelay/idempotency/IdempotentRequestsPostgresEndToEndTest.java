package io.streamrelay.idempotency;

import io.streamrelay.testing.PostgresTestDatabase;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end idempotency tests, the concurrent burst included, on PostgreSQL; skipped
 * loudly without it.
 */
@Import(PostgresTestDatabase.RebuildSchema.class)
class IdempotentRequestsPostgresEndToEndTest extends IdempotentRequestsEndToEndTest {

	@BeforeAll
	static void requirePostgres() {
		PostgresTestDatabase.require("idempotent requests end to end");
	}

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "streamrelay_idem_e2e_test");
	}

	@Override
	String database() {
		return "PostgreSQL";
	}

}
