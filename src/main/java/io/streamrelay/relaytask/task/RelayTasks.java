package io.streamrelay.relaytask.task;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port to the store of relay tasks and their history. */
public interface RelayTasks {

	/**
	 * Stores a new task with its first event; throws {@link RelayTaskAlreadyExists} if
	 * the id is taken.
	 */
	void insert(RelayTask task, RelayTaskEvent event);

	/**
	 * Replaces the task if its stored version is still {@code expectedVersion}, appending
	 * the event (if any) in the same transaction. Returns false when another writer got
	 * there first.
	 */
	boolean update(RelayTask task, long expectedVersion, RelayTaskEvent event);

	/** Appends an event without touching the task. */
	void append(RelayTaskEvent event);

	/**
	 * Appends an event about the task as it was at {@code version}, only if it still is;
	 * returns false otherwise.
	 */
	boolean appendIfUnchanged(RelayTaskEvent event, long version);

	Optional<RelayTask> find(String appId, String taskId);

	/** Tasks of an app ordered by task id, after {@code afterTaskId} when given. */
	List<RelayTask> list(String appId, TaskQuery query);

	/**
	 * Running tasks (of every app, other than {@code except}) in one of {@code states}
	 * whose destinations include one with the given address (scheme, host, port and path;
	 * query and fragment ignored, so a re-signed {@code auth_key} is the same address). A
	 * read, not a lock: two starts racing on the same address may both pass.
	 */
	List<TaskKey> usingDestination(Set<RelayTaskState> states, String address, TaskKey except);

	/** The whole history of a task, oldest first. */
	default List<RelayTaskEvent> events(String appId, String taskId) {
		return events(appId, taskId, 0, Integer.MAX_VALUE);
	}

	/** A page of a task's history, oldest first. */
	List<RelayTaskEvent> events(String appId, String taskId, int offset, int limit);

	/** The latest entry of a task's history. */
	Optional<RelayTaskEvent> lastEvent(String appId, String taskId);

	/**
	 * Tasks of every app in one of {@code states}, ordered by (appId, taskId), after
	 * {@code after} when given.
	 */
	List<RelayTask> inStates(Set<RelayTaskState> states, TaskKey after, int limit);

	/**
	 * Tasks of every app in one of {@code states}, last changed before
	 * {@code updatedBefore}, oldest first.
	 */
	List<RelayTask> staleInStates(Set<RelayTaskState> states, java.time.Instant updatedBefore, int limit);

	/**
	 * Keys of tasks in one of {@code states}, last changed before {@code updatedBefore}
	 * and due for reconciliation at {@code now} (not deferred past it), the longest
	 * waiting first. Keys only: a row that cannot be read fails its own reconciliation,
	 * not the whole run.
	 */
	List<Candidate> dueInStates(Set<RelayTaskState> states, java.time.Instant updatedBefore, java.time.Instant now,
			int limit);

	/**
	 * Keys of tasks in one of {@code states} due for reconciliation at {@code now},
	 * ordered by (appId, taskId), after {@code after} when given.
	 */
	List<Candidate> dueInStates(Set<RelayTaskState> states, TaskKey after, java.time.Instant now, int limit);

	/**
	 * Records a failed reconciliation of the task at {@code version}: its attempt count
	 * and when to look again. Does nothing if the task changed since (any write resets
	 * both).
	 */
	void deferReconciliation(TaskKey key, long version, int attempts, java.time.Instant nextAttemptAt);

	/**
	 * Active tasks of an app running since {@code runningBefore} or earlier (when the
	 * vendor accepted their start, or they were adopted), the longest running first.
	 */
	List<TaskKey> activeSince(String appId, java.time.Instant runningBefore, int limit);

	/**
	 * Active tasks (of every app) that carry a max duration of their own
	 * ({@code spec.maxDurationSeconds}), the longest running first: the vendor's quotas
	 * keep them few (docs/aliyun-mpu-api.md §2.9).
	 */
	List<OwnLimit> activeWithOwnLimit(int limit);

	/** An active task, when it became active, and its own max duration. */
	record OwnLimit(TaskKey key, java.time.Instant runningSince, java.time.Duration maxDuration) {
	}

	/** When the task last became active, empty unless the vendor may run it now. */
	Optional<java.time.Instant> runningSince(String appId, String taskId);

	/**
	 * A task to reconcile, its version, and how many runs in a row failed to settle it.
	 */
	record Candidate(TaskKey key, long version, int attempts) {
	}

	/** The identity of a task across apps: a keyset position. */
	record TaskKey(String appId, String taskId) {
	}

	/** Filters and keyset position of a task listing. */
	record TaskQuery(String channelId, RelayTaskState state, String afterTaskId, int limit) {
	}

}
