package io.streamrelay.lifecycle;

import java.util.Map;

/** The lifecycle model on H2, where the vendor's list also keeps stopped tasks. */
class LifecycleModelH2KeepsStoppedTest extends LifecycleModelTest {

	@Override
	boolean listKeepsStopped() {
		return true;
	}

	@Override
	Map<String, String> database() {
		return Map.of("spring.datasource.url", "jdbc:h2:mem:lifecycle-keeps-stopped;DB_CLOSE_DELAY=-1");
	}

}
