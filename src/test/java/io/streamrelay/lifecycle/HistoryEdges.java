package io.streamrelay.lifecycle;

import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskState;

/**
 * The lifecycle model's table of legal history entries, for checks outside this package
 * (the crash harness reads histories over HTTP).
 */
public final class HistoryEdges {

	private HistoryEdges() {
	}

	public static boolean allowed(RelayTaskState from, RelayTaskEvent event) {
		return LifecycleInvariants.LifecycleEdges.allowed(from, event);
	}

}
