package io.streamrelay.faults;

import java.util.Map;

/** The fault matrix with the service's tasks on H2. */
class FaultMatrixH2Test extends FaultMatrixTest {

	@Override
	Map<String, String> serviceDatabase() {
		return Map.of("spring.datasource.url", "jdbc:h2:mem:faults-service;DB_CLOSE_DELAY=-1");
	}

}
