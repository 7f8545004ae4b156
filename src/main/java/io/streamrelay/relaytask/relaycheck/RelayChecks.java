package io.streamrelay.relaytask.relaycheck;

import java.util.Optional;

/** Port to the store of relay checks, one per task. */
public interface RelayChecks {

	Optional<RelayCheck> find(String appId, String taskId);

	void save(RelayCheck check);

	/** Forgets the checks of tasks that are not active (ended, or started anew later). */
	int forgetInactive();

}
