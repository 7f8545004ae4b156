package io.streamrelay.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.streamrelay.emulator.EmulatedTask.Origin;
import io.streamrelay.emulator.EmulatedTask.State;

/**
 * The emulator's in-memory task store, enforcing the business rules that depend on other
 * tasks.
 */
public final class EmulatorState {

	private final EmulatorProperties properties;

	private final Clock clock;

	private final Map<TaskKey, EmulatedTask> tasks = new HashMap<>();

	private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

	private final Map<TaskKey, AtomicLong> taskCalls = new ConcurrentHashMap<>();

	private final List<TaskListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final java.util.Set<TaskKey> joinedChannels = new java.util.HashSet<>();

	private int inFlight;

	private long revision;

	EmulatorState(EmulatorProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Running tasks of the AppId (API- and SDK-started), newest change first. */
	public synchronized List<EmulatedTask> runningTasks(String appId) {
		return this.tasks.values()
			.stream()
			.filter((task) -> task.appId().equals(appId) && task.running())
			.sorted(Comparator.comparingLong(EmulatedTask::revision).reversed())
			.toList();
	}

	/**
	 * Every task, stopped ones included, of one AppId or of all when appId is null;
	 * newest change first.
	 */
	public synchronized List<EmulatedTask> tasks(String appId) {
		return this.tasks.values()
			.stream()
			.filter((task) -> appId == null || task.appId().equals(appId))
			.sorted(Comparator.comparingLong(EmulatedTask::revision).reversed())
			.toList();
	}

	public synchronized Optional<EmulatedTask> task(String appId, String taskId) {
		return Optional.ofNullable(this.tasks.get(new TaskKey(appId, taskId)));
	}

	/**
	 * How many authenticated requests named this Action (one of the five known), whatever
	 * their outcome.
	 */
	public long callCount(String action) {
		AtomicLong count = this.calls.get(action);
		return (count != null) ? count.get() : 0;
	}

	public Map<String, Long> callCounts() {
		Map<String, Long> counts = new HashMap<>();
		this.calls.forEach((action, count) -> counts.put(action, count.get()));
		return counts;
	}

	public synchronized void reset() {
		this.tasks.clear();
		this.joinedChannels.clear();
		this.calls.clear();
		this.taskCalls.clear();
	}

	/**
	 * How many task operations (Start, Update, Stop, SetSei) named this task, refused
	 * ones included: lets a test check that nothing reached a task after it was recorded
	 * stopped.
	 */
	public long taskCallCount(String appId, String taskId) {
		AtomicLong count = this.taskCalls.get(new TaskKey(appId, taskId));
		return (count != null) ? count.get() : 0;
	}

	synchronized void requestStarted() {
		this.inFlight++;
	}

	synchronized void requestEnded() {
		this.inFlight--;
		notifyAll();
	}

	/**
	 * Waits until no signed request is being handled (a delayed one may still act after
	 * its client gave up), at most {@code timeout}.
	 * @return whether the emulator is idle
	 */
	public synchronized boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.inFlight > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

	/** Counted for known tasks only, so that made-up ids cannot grow the map. */
	synchronized void countTaskCall(String appId, String taskId, String action) {
		if (appId == null || taskId == null || "ListRtcMPUTaskDetail".equals(action)) {
			return;
		}
		TaskKey key = new TaskKey(appId, taskId);
		if (this.tasks.containsKey(key)) {
			this.taskCalls.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
		}
	}

	void countCall(String action) {
		if (!MpuOperations.TASK_ACTIONS.contains(action)) {
			return; // the counts are of the five task Actions (docs/emulator.md)
		}
		this.calls.computeIfAbsent(action, (key) -> new AtomicLong()).incrementAndGet();
	}

	synchronized EmulatedTask start(TaskSpec spec, Origin origin, String action) {
		TaskKey key = new TaskKey(spec.appId(), spec.taskId());
		EmulatedTask existing = this.tasks.get(key);
		if (existing != null && existing.running()) {
			// documented: restarting a task that has not been cleaned up yet fails with
			// InvalidParam (§2.9)
			throw ApiError.invalidParam("The task " + spec.taskId() + " already exists.");
		}
		TaskKey channel = new TaskKey(spec.appId(), spec.channelId());
		if (origin == Origin.SDK) {
			// a client SDK relays from inside the channel: its user has joined it
			this.joinedChannels.add(channel);
		}
		else if (this.properties.requireJoinedChannels() && !this.joinedChannels.contains(channel)) {
			throw StartRules.channelNotFound(spec.channelId());
		}
		StartRules.checkQuota(this.tasks, this.properties, spec, key);
		StartRules.checkStreamUrls(this.tasks, this.properties, this.clock.instant(), spec, key);
		EmulatedTask started = save(key, spec, origin, null, Map.of(action, 1L));
		this.listeners.forEach((listener) -> listener.started(started));
		return started;
	}

	/**
	 * Replaces a running task's definition with the result of merging; the merge sees the
	 * current snapshot.
	 */
	synchronized EmulatedTask update(String appId, String taskId, String action,
			Function<EmulatedTask, TaskSpec> merge) {
		TaskKey key = new TaskKey(appId, taskId);
		EmulatedTask current = running(key);
		TaskSpec spec = merge.apply(current);
		StartRules.checkQuota(this.tasks, this.properties, spec, key);
		StartRules.checkStreamUrls(this.tasks, this.properties, this.clock.instant(), spec, key);
		return save(key, spec, current.origin(), current.lastCustomSei(), increment(current, action));
	}

	synchronized EmulatedTask stop(String appId, String taskId, String action) {
		TaskKey key = new TaskKey(appId, taskId);
		EmulatedTask current = running(key);
		EmulatedTask stopped = markStopped(key, current, increment(current, action));
		this.listeners.forEach((listener) -> listener.ended(stopped, false));
		return stopped;
	}

	/**
	 * Stops a running task the way the vendor does on its own (all users left,
	 * MaxIdleTime passed): no call is counted, and the task then behaves like any stopped
	 * one.
	 * @return false when no such task is running
	 */
	public synchronized boolean vanish(String appId, String taskId) {
		TaskKey key = new TaskKey(appId, taskId);
		EmulatedTask current = this.tasks.get(key);
		if (current == null || !current.running()) {
			return false;
		}
		EmulatedTask stopped = markStopped(key, current, current.callCounts());
		this.listeners.forEach((listener) -> listener.ended(stopped, true));
		return true;
	}

	/**
	 * A user joined the channel (simulated): from now on a start in it is not refused as
	 * "channel does not exist".
	 */
	public synchronized void join(String appId, String channelId) {
		this.joinedChannels.add(new TaskKey(appId, channelId));
	}

	synchronized EmulatedTask setSei(String appId, String taskId, String customSei, String action) {
		TaskKey key = new TaskKey(appId, taskId);
		EmulatedTask current = running(key);
		// SEI injection does not change the task definition, so the List order (update
		// time) is kept
		EmulatedTask updated = new EmulatedTask(current.appId(), current.channelId(), current.taskId(),
				current.mixMode(), current.state(), current.origin(), current.streamUrls(), current.params(), customSei,
				increment(current, action), current.revision(), current.updatedAt(), null);
		this.tasks.put(key, updated);
		return updated;
	}

	private EmulatedTask running(TaskKey key) {
		EmulatedTask current = this.tasks.get(key);
		if (current == null || !current.running()) {
			throw ApiError.taskNotFound(key.taskId());
		}
		return current;
	}

	private EmulatedTask markStopped(TaskKey key, EmulatedTask current, Map<String, Long> counts) {
		Instant now = this.clock.instant();
		EmulatedTask stopped = new EmulatedTask(current.appId(), current.channelId(), current.taskId(),
				current.mixMode(), State.STOPPED, current.origin(), current.streamUrls(), current.params(),
				current.lastCustomSei(), counts, ++this.revision, now, now);
		this.tasks.put(key, stopped);
		return stopped;
	}

	private EmulatedTask save(TaskKey key, TaskSpec spec, Origin origin, String customSei, Map<String, Long> counts) {
		EmulatedTask task = new EmulatedTask(spec.appId(), spec.channelId(), spec.taskId(), spec.mixMode(),
				State.RUNNING, origin, spec.streamUrls(), spec.params(), customSei, counts, ++this.revision,
				this.clock.instant(), null);
		this.tasks.put(key, task);
		return task;
	}

	private static Map<String, Long> increment(EmulatedTask task, String action) {
		Map<String, Long> counts = new HashMap<>(task.callCounts());
		counts.merge(action, 1L, Long::sum);
		return counts;
	}

	/**
	 * Adds a listener told of every start and end (callbacks, the online-stream list).
	 */
	void addListener(TaskListener listener) {
		this.listeners.add(listener);
	}

	record TaskKey(String appId, String taskId) {
	}

	/**
	 * Told of a task's start and end while the state's lock is held: it must only record
	 * or queue, never call back into the state.
	 */
	interface TaskListener {

		void started(EmulatedTask task);

		void ended(EmulatedTask task, boolean byVendor);

	}

}
