package io.streamrelay.replicas;

import java.util.Map;

/** The replicas share one in-memory H2 database (same JVM). */
class TwoReplicasH2Test extends TwoReplicasTest {

	@Override
	Map<String, String> database() {
		return Map.of("spring.datasource.url", "jdbc:h2:mem:replicas;DB_CLOSE_DELAY=-1");
	}

}
