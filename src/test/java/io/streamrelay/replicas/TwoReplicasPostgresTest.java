package io.streamrelay.replicas;

import java.util.Map;

import io.streamrelay.testing.PostgresSchemas;

/**
 * The replicas share one PostgreSQL database; runs when STREAMRELAY_TEST_POSTGRES_URL is
 * set (CI sets it).
 */
class TwoReplicasPostgresTest extends TwoReplicasTest {

	@Override
	Map<String, String> database() {
		return PostgresSchemas.fresh("replicas_test");
	}

}
