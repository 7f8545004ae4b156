package io.streamrelay.relaytask.task;

import java.util.Objects;

/**
 * One step of a task's lifecycle: the task before (null for a new task), the task after,
 * and the history entry that records it — made together by {@link RelayTask}, so history
 * and state cannot disagree.
 */
public record Transition(RelayTask before, RelayTask after, RelayTaskEvent event) {

	public Transition {
		Objects.requireNonNull(after, "after");
		Objects.requireNonNull(event, "event");
		if (event.state() != after.state()) {
			throw new IllegalStateException("event state " + event.state() + " differs from " + after.state());
		}
	}

}
