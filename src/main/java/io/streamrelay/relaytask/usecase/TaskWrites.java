package io.streamrelay.relaytask.usecase;

import io.streamrelay.relaytask.task.OutcomeNotRecorded;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTaskNotFound;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.Transition;

/**
 * The two kinds of write around a vendor call: the intent (compare-and-set, the caller
 * loses to a concurrent writer) and the outcome (which keeps the vendor call in the
 * history even if another writer moved the task meanwhile).
 */
final class TaskWrites {

	private final RelayTasks tasks;

	TaskWrites(RelayTasks tasks) {
		this.tasks = tasks;
	}

	void intent(RelayTask next, long expectedVersion) {
		if (!tryIntent(next, expectedVersion)) {
			throw new RelayTaskModifiedConcurrently(next.taskId());
		}
	}

	/** The intent, false when another writer moved the task since it was read. */
	boolean tryIntent(RelayTask next, long expectedVersion) {
		return this.tasks.update(next, expectedVersion, null);
	}

	void transition(Transition transition) {
		if (!this.tasks.update(transition.after(), transition.before().version(), transition.event())) {
			throw new RelayTaskModifiedConcurrently(transition.after().taskId());
		}
	}

	/**
	 * Records the outcome of a vendor call; if another writer moved the task meanwhile,
	 * keeps the call in the history, marked as not applied, and answers the task as it
	 * is. A store that fails here leaves the task in its transitional state for the
	 * reconciler: {@link OutcomeNotRecorded}.
	 */
	RelayTask outcome(Transition transition) {
		try {
			return record(transition);
		}
		catch (RelayTaskNotFound ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new OutcomeNotRecorded(transition.after().taskId(), ex);
		}
	}

	private RelayTask record(Transition transition) {
		if (this.tasks.update(transition.after(), transition.before().version(), transition.event())) {
			return transition.after();
		}
		this.tasks.append(transition.event().notApplied());
		RelayTask before = transition.before();
		return this.tasks.find(before.appId(), before.taskId())
			.orElseThrow(() -> new RelayTaskNotFound(before.appId(), before.taskId()));
	}

}
