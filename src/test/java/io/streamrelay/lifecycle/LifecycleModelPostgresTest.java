package io.streamrelay.lifecycle;

import java.util.Map;

import io.streamrelay.testing.PostgresSchemas;

/**
 * The lifecycle model on PostgreSQL (CI), where the vendor's list holds running tasks
 * only.
 */
class LifecycleModelPostgresTest extends LifecycleModelTest {

	@Override
	boolean listKeepsStopped() {
		return false;
	}

	@Override
	Map<String, String> database() {
		return PostgresSchemas.fresh("lifecycle_running");
	}

}
