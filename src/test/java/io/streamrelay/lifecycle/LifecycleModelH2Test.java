package io.streamrelay.lifecycle;

import java.util.Map;

/** The lifecycle model on H2, where the vendor's list holds running tasks only. */
class LifecycleModelH2Test extends LifecycleModelTest {

	@Override
	boolean listKeepsStopped() {
		return false;
	}

	@Override
	Map<String, String> database() {
		return Map.of("spring.datasource.url", "jdbc:h2:mem:lifecycle-running;DB_CLOSE_DELAY=-1");
	}

}
