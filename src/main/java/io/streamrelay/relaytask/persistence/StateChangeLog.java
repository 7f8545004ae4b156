package io.streamrelay.relaytask.persistence;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per stored state change of a task: every change, from a request or from
 * the reconciler, passes through the store.
 */
final class StateChangeLog {

	private static final Logger log = LoggerFactory.getLogger(StateChangeLog.class);

	private StateChangeLog() {
	}

	static void written(RelayTask task, RelayTaskEvent event) {
		String state = task.state().name().toLowerCase();
		if (event == null) {
			log.info("Relay task {}/{} now {} (version {}, vendor call in flight: {})", task.appId(), task.taskId(),
					state, task.version(), task.callInFlight());
		}
		else {
			log.info("Relay task {}/{} now {} (version {}) after {} {}{}", task.appId(), task.taskId(), state,
					task.version(), event.action(), event.outcome(),
					(event.errorCode() == null) ? "" : " code=" + event.errorCode());
		}
	}

}
