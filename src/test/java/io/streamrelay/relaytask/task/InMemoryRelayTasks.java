package io.streamrelay.relaytask.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A thread-safe in-memory {@link RelayTasks} with the same compare-and-set semantics as
 * the JDBC one.
 */
public class InMemoryRelayTasks implements RelayTasks {

	private final Map<String, RelayTask> tasks = new LinkedHashMap<>();

	private final List<RelayTaskEvent> events = new ArrayList<>();

	private final Map<String, Deferral> deferrals = new LinkedHashMap<>();

	private final Map<String, java.time.Instant> runningSince = new LinkedHashMap<>();

	private static final Set<RelayTaskState> RUNNING = Set.of(RelayTaskState.ACTIVE, RelayTaskState.UPDATING,
			RelayTaskState.STOPPING);

	private void trackRunning(RelayTask task) {
		String key = key(task.appId(), task.taskId());
		if (RUNNING.contains(task.state())) {
			this.runningSince.putIfAbsent(key, task.updatedAt());
		}
		else {
			this.runningSince.remove(key);
		}
	}

	/**
	 * Forgets every task and history entry (a test's fresh start in a shared context).
	 */
	public synchronized void clear() {
		this.tasks.clear();
		this.events.clear();
		this.deferrals.clear();
		this.runningSince.clear();
	}

	@Override
	public synchronized void insert(RelayTask task, RelayTaskEvent event) {
		if (this.tasks.putIfAbsent(key(task.appId(), task.taskId()), task) != null) {
			throw new RelayTaskAlreadyExists(task.taskId(), null);
		}
		trackRunning(task);
		if (event != null) {
			this.events.add(event);
		}
	}

	@Override
	public synchronized boolean update(RelayTask task, long expectedVersion, RelayTaskEvent event) {
		RelayTask stored = this.tasks.get(key(task.appId(), task.taskId()));
		if (stored == null || stored.version() != expectedVersion) {
			return false;
		}
		this.tasks.put(key(task.appId(), task.taskId()), task);
		trackRunning(task);
		if (event != null) {
			this.events.add(event);
		}
		return true;
	}

	@Override
	public synchronized void append(RelayTaskEvent event) {
		this.events.add(event);
	}

	@Override
	public synchronized boolean appendIfUnchanged(RelayTaskEvent event, long version) {
		RelayTask stored = this.tasks.get(key(event.appId(), event.taskId()));
		if (stored == null || stored.version() != version) {
			return false;
		}
		this.events.add(event);
		return true;
	}

	@Override
	public synchronized Optional<RelayTask> find(String appId, String taskId) {
		return Optional.ofNullable(this.tasks.get(key(appId, taskId)));
	}

	@Override
	public synchronized List<RelayTask> list(String appId, TaskQuery query) {
		return this.tasks.values()
			.stream()
			.filter((t) -> t.appId().equals(appId))
			.filter((t) -> query.channelId() == null || t.channelId().equals(query.channelId()))
			.filter((t) -> query.state() == null || t.state() == query.state())
			.filter((t) -> query.afterTaskId() == null || t.taskId().compareTo(query.afterTaskId()) > 0)
			.sorted(Comparator.comparing(RelayTask::taskId))
			.limit(query.limit())
			.toList();
	}

	@Override
	public synchronized List<TaskKey> usingDestination(Set<RelayTaskState> states, String address, TaskKey except) {
		return this.tasks.values()
			.stream()
			.filter((task) -> states.contains(task.state()))
			.filter((task) -> !new TaskKey(task.appId(), task.taskId()).equals(except))
			.filter((task) -> task.spec().destinations().stream().map(DestinationAddress::of).anyMatch(address::equals))
			.map((task) -> new TaskKey(task.appId(), task.taskId()))
			.toList();
	}

	@Override
	public synchronized List<RelayTask> inStates(Set<RelayTaskState> states, TaskKey after, int limit) {
		Comparator<RelayTask> order = Comparator.comparing(RelayTask::appId).thenComparing(RelayTask::taskId);
		return this.tasks.values()
			.stream()
			.filter((t) -> states.contains(t.state()))
			.filter((t) -> after == null || t.appId().compareTo(after.appId()) > 0
					|| (t.appId().equals(after.appId()) && t.taskId().compareTo(after.taskId()) > 0))
			.sorted(order)
			.limit(limit)
			.toList();
	}

	@Override
	public synchronized List<RelayTask> staleInStates(Set<RelayTaskState> states, java.time.Instant updatedBefore,
			int limit) {
		return this.tasks.values()
			.stream()
			.filter((t) -> states.contains(t.state()) && t.updatedAt().isBefore(updatedBefore))
			.sorted(Comparator.comparing(RelayTask::updatedAt))
			.limit(Math.max(0, limit))
			.toList();
	}

	@Override
	public synchronized List<RelayTaskEvent> events(String appId, String taskId, int offset, int limit) {
		return this.events.stream()
			.filter((e) -> e.appId().equals(appId) && e.taskId().equals(taskId))
			.skip(offset)
			.limit(limit)
			.toList();
	}

	@Override
	public synchronized Optional<RelayTaskEvent> lastEvent(String appId, String taskId) {
		List<RelayTaskEvent> all = events(appId, taskId);
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
	}

	@Override
	public synchronized List<Candidate> dueInStates(Set<RelayTaskState> states, java.time.Instant updatedBefore,
			java.time.Instant now, int limit) {
		return this.tasks.values()
			.stream()
			.filter((t) -> states.contains(t.state()) && t.updatedAt().isBefore(updatedBefore) && due(t, now))
			.sorted(Comparator.comparing((RelayTask t) -> waitingSince(t)))
			.limit(Math.max(0, limit))
			.map(this::candidate)
			.toList();
	}

	@Override
	public synchronized List<Candidate> dueInStates(Set<RelayTaskState> states, TaskKey after, java.time.Instant now,
			int limit) {
		return inStates(states, after, Integer.MAX_VALUE).stream()
			.filter((t) -> due(t, now))
			.limit(Math.max(0, limit))
			.map(this::candidate)
			.toList();
	}

	@Override
	public synchronized void deferReconciliation(TaskKey key, long version, int attempts,
			java.time.Instant nextAttemptAt) {
		RelayTask stored = this.tasks.get(key(key.appId(), key.taskId()));
		if (stored != null && stored.version() == version) {
			this.deferrals.put(key(key.appId(), key.taskId()), new Deferral(version, attempts, nextAttemptAt));
		}
	}

	/** How many reconciliations of the task failed in a row (0 when it changed since). */
	public synchronized int reconcileAttempts(String appId, String taskId) {
		Deferral deferral = current(this.tasks.get(key(appId, taskId)));
		return deferral != null ? deferral.attempts() : 0;
	}

	private record Deferral(long version, int attempts, java.time.Instant next) {
	}

	private Deferral current(RelayTask task) {
		Deferral deferral = task == null ? null : this.deferrals.get(key(task.appId(), task.taskId()));
		return (deferral != null && deferral.version() == task.version()) ? deferral : null;
	}

	private boolean due(RelayTask task, java.time.Instant now) {
		Deferral deferral = current(task);
		return deferral == null || !deferral.next().isAfter(now);
	}

	private java.time.Instant waitingSince(RelayTask task) {
		Deferral deferral = current(task);
		return deferral != null ? deferral.next() : task.updatedAt();
	}

	private Candidate candidate(RelayTask task) {
		Deferral deferral = current(task);
		return new Candidate(new TaskKey(task.appId(), task.taskId()), task.version(),
				deferral != null ? deferral.attempts() : 0);
	}

	private static String key(String appId, String taskId) {
		return appId + "/" + taskId;
	}

	@Override
	public synchronized List<TaskKey> activeSince(String appId, java.time.Instant runningBefore, int limit) {
		return this.tasks.values()
			.stream()
			.filter((t) -> t.appId().equals(appId) && t.state() == RelayTaskState.ACTIVE)
			.filter((t) -> t.spec().maxDurationSeconds() == null)
			.filter((t) -> !this.runningSince.get(key(appId, t.taskId())).isAfter(runningBefore))
			.sorted(Comparator.comparing((RelayTask t) -> this.runningSince.get(key(appId, t.taskId())))
				.thenComparing(RelayTask::taskId))
			.limit(limit)
			.map((t) -> new TaskKey(appId, t.taskId()))
			.toList();
	}

	@Override
	public synchronized Optional<java.time.Instant> runningSince(String appId, String taskId) {
		return Optional.ofNullable(this.runningSince.get(key(appId, taskId)));
	}

	@Override
	public synchronized List<OwnLimit> activeWithOwnLimit(int limit) {
		return this.tasks.values()
			.stream()
			.filter((t) -> t.state() == RelayTaskState.ACTIVE && t.spec().maxDurationSeconds() != null)
			.map((t) -> new OwnLimit(new TaskKey(t.appId(), t.taskId()),
					this.runningSince.get(key(t.appId(), t.taskId())),
					java.time.Duration.ofSeconds(t.spec().maxDurationSeconds())))
			.sorted(Comparator.comparing(OwnLimit::runningSince))
			.limit(limit)
			.toList();
	}

}
