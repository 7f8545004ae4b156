package io.streamrelay.lifecycle;

import java.util.Map;

import io.streamrelay.testing.PostgresSchemas;

/**
 * The lifecycle model on PostgreSQL (CI), where the vendor's list also keeps stopped
 * tasks.
 */
class LifecycleModelPostgresKeepsStoppedTest extends LifecycleModelTest {

	@Override
	boolean listKeepsStopped() {
		return true;
	}

	@Override
	Map<String, String> database() {
		return PostgresSchemas.fresh("lifecycle_keeps_stopped");
	}

}
