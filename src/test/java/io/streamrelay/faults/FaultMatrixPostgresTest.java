package io.streamrelay.faults;

import java.util.Map;

import io.streamrelay.testing.PostgresSchemas;

/**
 * The fault matrix, reconciliation included, with the service's tasks on PostgreSQL (CI).
 */
class FaultMatrixPostgresTest extends FaultMatrixTest {

	@Override
	Map<String, String> serviceDatabase() {
		return PostgresSchemas.fresh("fault_matrix_test");
	}

}
