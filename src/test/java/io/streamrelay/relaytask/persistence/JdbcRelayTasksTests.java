package io.streamrelay.relaytask.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.task.TaskError;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.CLOCK;
import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.activeTask;
import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.event;
import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.mixedSpec;
import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.next;
import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.singleSpec;
import static io.streamrelay.relaytask.persistence.RelayTaskFixtures.updatingTaskWithError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Runs against H2 here and against PostgreSQL in {@link JdbcRelayTasksPostgresTests}, on
 * the real migrations.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:relaytasks;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
@Import(JdbcRelayTasks.class)
// Each write must commit for real: the concurrency test and the atomicity tests depend on
// it.
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class JdbcRelayTasksTests {

	private final RelayTasks tasks;

	private final JdbcClient jdbc;

	@Autowired
	JdbcRelayTasksTests(RelayTasks tasks, JdbcClient jdbc) {
		this.tasks = tasks;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void emptyTables() {
		this.jdbc.sql("delete from relay_task_event").update();
		this.jdbc.sql("delete from relay_task").update();
	}

	@Test
	void findsRunningTasksUsingADestinationAddressWhateverItsQueryOrHostCase() {
		RelaySpec spec = singleSpec("ch-dest")
			.withDestinations(List.of("rtmp://Push.Example.com/live/a_b%41?auth_key=1"));
		RelayTask running = activeTask("app-dest", "t-dest-running", spec);
		RelayTask stopped = next(activeTask("app-dest", "t-dest-stopped", spec), RelayTaskState.STOPPED);
		this.tasks.insert(running, null);
		this.tasks.insert(stopped, null);
		Set<RelayTaskState> runningStates = Set.of(RelayTaskState.STARTING, RelayTaskState.ACTIVE,
				RelayTaskState.UPDATING);

		assertThat(this.tasks.usingDestination(runningStates, "rtmp://push.example.com/live/a_b%41",
				new RelayTasks.TaskKey("app-dest", "other")))
			.containsExactly(new RelayTasks.TaskKey("app-dest", "t-dest-running"));
		// itself excluded; other paths on the same host (also where _ or % would be LIKE
		// wildcards) do not match
		assertThat(this.tasks.usingDestination(runningStates, "rtmp://push.example.com/live/a_b%41",
				new RelayTasks.TaskKey("app-dest", "t-dest-running")))
			.isEmpty();
		assertThat(this.tasks.usingDestination(runningStates, "rtmp://push.example.com/live/aXb%41", null)).isEmpty();
		assertThat(this.tasks.usingDestination(runningStates, "rtmp://push.example.com/live/a_b", null)).isEmpty();
	}

	@Test
	void findsSingleTaskAsInserted() {
		RelayTask task = activeTask("app1", "t-single", singleSpec("ch1"));

		this.tasks.insert(task, null);

		assertThat(this.tasks.find("app1", "t-single")).contains(task);
	}

	@Test
	void findsMixedTaskAsInserted() {
		RelayTask task = activeTask("app1", "t-mixed", mixedSpec("ch1"));

		this.tasks.insert(task, event(task, Action.START, Outcome.SUCCEEDED, "started"));

		assertThat(this.tasks.find("app1", "t-mixed")).contains(task);
	}

	@Test
	void findsEveryOptionalFieldAsInserted() {
		RelayTask task = updatingTaskWithError("app1", "t-full");

		this.tasks.insert(task, null);

		RelayTask found = this.tasks.find("app1", "t-full").orElseThrow();
		assertThat(found).isEqualTo(task);
		assertThat(found.pendingSpec()).isEqualTo(mixedSpec("ch1"));
		assertThat(found.origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(found.lastError().upstreamRequestId()).isEqualTo("5F8E2C1A-0B7D-4E3F-9A6B-1C2D3E4F5A6B");
	}

	@Test
	void findsNothingForUnknownTaskOrOtherApp() {
		this.tasks.insert(activeTask("app1", "t1", singleSpec("ch1")), null);

		assertThat(this.tasks.find("app1", "t2")).isEmpty();
		assertThat(this.tasks.find("app2", "t1")).isEmpty();
	}

	@Test
	void keepsInstantsToTheMicrosecond() {
		Instant nanos = Instant.parse("2024-05-01T10:15:30.123456789Z");
		RelayTask task = new RelayTask("app1", "t1", singleSpec("ch1"), null, RelayTaskState.FAILED, TaskOrigin.API, 1,
				nanos, nanos, new TaskError("X", "m", null, nanos), false);

		this.tasks.insert(task, null);

		RelayTask found = this.tasks.find("app1", "t1").orElseThrow();
		Instant micros = Instant.parse("2024-05-01T10:15:30.123456Z");
		assertThat(List.of(found.createdAt(), found.updatedAt(), found.lastError().at())).containsOnly(micros);
	}

	@Test
	void rejectsSecondInsertOfTheSameTaskId() {
		RelayTask first = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(first, null);
		RelayTask second = activeTask("app1", "t1", mixedSpec("ch2"));

		assertThatExceptionOfType(RelayTaskAlreadyExists.class)
			.isThrownBy(() -> this.tasks.insert(second, event(second, Action.START, Outcome.SUCCEEDED, "dup")))
			.satisfies((ex) -> assertThat(ex.taskId()).isEqualTo("t1"));
		assertThat(this.tasks.find("app1", "t1")).contains(first);
		assertThat(this.tasks.events("app1", "t1")).isEmpty();
	}

	@Test
	void allowsTheSameTaskIdInAnotherApp() {
		this.tasks.insert(activeTask("app1", "t1", singleSpec("ch1")), null);
		RelayTask other = activeTask("app2", "t1", singleSpec("ch1"));

		this.tasks.insert(other, null);

		assertThat(this.tasks.find("app2", "t1")).contains(other);
	}

	@Test
	void insertsNoTaskWhenItsEventCannotBeStored() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		RelayTaskEvent broken = new RelayTaskEvent("app1", "t1", CLOCK.instant(), null, Outcome.SUCCEEDED, null, null,
				null, null);

		assertThatRuntimeException().isThrownBy(() -> this.tasks.insert(task, broken));

		assertThat(this.tasks.find("app1", "t1")).isEmpty();
	}

	@Test
	void updatesTaskAtTheExpectedVersion() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		RelayTask updating = new RelayTask("app1", "t1", task.spec(), mixedSpec("ch1"), RelayTaskState.UPDATING,
				task.origin(), 2, task.createdAt(), CLOCK.instant(), null, false);

		boolean updated = this.tasks.update(updating, 1, null);

		assertThat(updated).isTrue();
		assertThat(this.tasks.find("app1", "t1")).contains(updating);
	}

	@Test
	void refusesUpdateAtAStaleVersionAndLeavesTheRowAlone() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		RelayTask stopping = next(task, RelayTaskState.STOPPING);
		this.tasks.update(stopping, 1, null);
		RelayTask stale = next(task, RelayTaskState.UPDATING);

		boolean updated = this.tasks.update(stale, 1, event(stale, Action.UPDATE, Outcome.SUCCEEDED, "stale"));

		assertThat(updated).isFalse();
		assertThat(this.tasks.find("app1", "t1")).contains(stopping);
		assertThat(this.tasks.events("app1", "t1")).isEmpty();
	}

	@Test
	void refusesUpdateOfAnUnknownTask() {
		RelayTask ghost = activeTask("app1", "ghost", singleSpec("ch1"));

		assertThat(this.tasks.update(ghost, 0, null)).isFalse();
		assertThat(this.tasks.find("app1", "ghost")).isEmpty();
	}

	@Test
	void appendsTheEventOfAnUpdate() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		RelayTask stopped = next(task, RelayTaskState.STOPPED);
		RelayTaskEvent event = event(stopped, Action.STOP, Outcome.SUCCEEDED, "stopped");

		this.tasks.update(stopped, 1, event);

		assertThat(this.tasks.events("app1", "t1")).containsExactly(event);
	}

	@Test
	void leavesTheTaskUnchangedWhenTheEventOfAnUpdateCannotBeStored() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		RelayTask stopped = next(task, RelayTaskState.STOPPED);
		RelayTaskEvent broken = new RelayTaskEvent("app1", "t1", CLOCK.instant(), Action.STOP, null, null, null, null,
				null);

		assertThatRuntimeException().isThrownBy(() -> this.tasks.update(stopped, 1, broken));

		assertThat(this.tasks.find("app1", "t1")).contains(task);
		assertThat(this.tasks.events("app1", "t1")).isEmpty();
	}

	@Test
	void rejectsAnEventOfAnotherTask() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		RelayTaskEvent foreign = event(activeTask("app1", "t2", singleSpec("ch1")), Action.START, Outcome.SUCCEEDED,
				"x");

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.tasks.insert(task, foreign));
		assertThat(this.tasks.find("app1", "t1")).isEmpty();
	}

	@Test
	void returnsEventsInTheOrderTheyWereRecorded() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		RelayTaskEvent started = event(task, Action.START, Outcome.SUCCEEDED, "1");
		this.tasks.insert(task, started);
		RelayTaskEvent rejected = event(task, Action.UPDATE, Outcome.REJECTED, "2");
		RelayTaskEvent unknown = event(task, Action.STOP, Outcome.UNKNOWN, "3");
		RelayTaskEvent noCall = new RelayTaskEvent("app1", "t1", CLOCK.instant(), Action.RECONCILE, Outcome.OBSERVED,
				null, "StoppedByVendor", null, RelayTaskState.STOPPED);
		// same timestamps on purpose: the order must come from insertion, not from the
		// clock
		RelayTaskEvent sameInstant = new RelayTaskEvent("app1", "t1", started.at(), Action.STOP, Outcome.NOT_SENT, null,
				"Unreachable", "4", null);

		this.tasks.append(rejected);
		this.tasks.append(unknown);
		this.tasks.append(noCall);
		this.tasks.append(sameInstant);

		assertThat(this.tasks.events("app1", "t1")).containsExactly(started, rejected, unknown, noCall, sameInstant);
		assertThat(this.tasks.events("app1", "t2")).isEmpty();
	}

	@Test
	void cutsOverlongVendorTextInsteadOfFailingTheWrite() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		String longText = "m".repeat(5000);
		RelayTask failed = new RelayTask("app1", "t1", task.spec(), null, RelayTaskState.FAILED, task.origin(), 2,
				task.createdAt(), CLOCK.instant(),
				new TaskError("C".repeat(300), longText, "R".repeat(300), CLOCK.instant()), false);
		RelayTaskEvent event = new RelayTaskEvent("app1", "t1", CLOCK.instant(), Action.START, Outcome.REJECTED,
				"R".repeat(300), "C".repeat(300), longText, RelayTaskState.FAILED);

		assertThat(this.tasks.update(failed, 1, event)).isTrue();

		TaskError stored = this.tasks.find("app1", "t1").orElseThrow().lastError();
		assertThat(stored.message()).hasSize(1024);
		assertThat(stored.code()).hasSize(128);
		assertThat(stored.upstreamRequestId()).hasSize(128);
		assertThat(this.tasks.events("app1", "t1")).singleElement()
			.satisfies((e) -> assertThat(e.detail()).hasSize(1024));
	}

	@Test
	void listsTasksOfOneChannel() {
		insertAll(activeTask("app1", "a", singleSpec("ch1")), activeTask("app1", "b", mixedSpec("ch2")),
				activeTask("app1", "c", mixedSpec("ch1")), activeTask("app2", "d", singleSpec("ch1")));

		List<RelayTask> listed = this.tasks.list("app1", new TaskQuery("ch1", null, null, 10));

		assertThat(listed).extracting(RelayTask::taskId).containsExactly("a", "c");
	}

	@Test
	void listsTasksInOneState() {
		RelayTask stopped = next(activeTask("app1", "b", singleSpec("ch1")), RelayTaskState.STOPPED);
		insertAll(activeTask("app1", "a", singleSpec("ch1")), stopped, activeTask("app1", "c", singleSpec("ch2")),
				next(activeTask("app2", "d", singleSpec("ch1")), RelayTaskState.STOPPED));

		assertThat(this.tasks.list("app1", new TaskQuery(null, RelayTaskState.STOPPED, null, 10)))
			.containsExactly(stopped);
		assertThat(this.tasks.list("app1", new TaskQuery("ch1", RelayTaskState.ACTIVE, null, 10)))
			.extracting(RelayTask::taskId)
			.containsExactly("a");
	}

	@Test
	void pagesThroughAllTasksWithoutDuplicatesOrGaps() {
		List<String> ids = List.of("t-05", "t-01", "t-06", "t-00", "t-03", "t-02", "t-04");
		ids.forEach((id) -> this.tasks.insert(activeTask("app1", id, singleSpec("ch1")), null));
		this.tasks.insert(activeTask("app2", "t-00a", singleSpec("ch1")), null);

		List<List<String>> pages = new ArrayList<>();
		String after = null;
		List<RelayTask> page;
		do {
			page = this.tasks.list("app1", new TaskQuery(null, null, after, 3));
			pages.add(page.stream().map(RelayTask::taskId).toList());
			after = page.isEmpty() ? after : page.get(page.size() - 1).taskId();
		}
		while (page.size() == 3);

		assertThat(pages).containsExactly(List.of("t-00", "t-01", "t-02"), List.of("t-03", "t-04", "t-05"),
				List.of("t-06"));
	}

	@Test
	void returnsAnEmptyPageAfterTheLastTask() {
		this.tasks.insert(activeTask("app1", "t1", singleSpec("ch1")), null);

		assertThat(this.tasks.list("app1", new TaskQuery(null, null, "t1", 10))).isEmpty();
	}

	@Test
	void rejectsAListingWithoutRoomForATask() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.tasks.list("app1", new TaskQuery(null, null, null, 0)));
	}

	@Test
	void letsExactlyOneOfTwoConcurrentUpdatesWin() throws Exception {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				RelayTask current = this.tasks.find("app1", "t1").orElseThrow();
				RelayTask stopping = next(current, RelayTaskState.STOPPING);
				RelayTask updating = next(current, RelayTaskState.UPDATING);
				CountDownLatch start = new CountDownLatch(1);
				Future<Boolean> first = pool.submit(racer(start, stopping, current.version()));
				Future<Boolean> second = pool.submit(racer(start, updating, current.version()));
				start.countDown();

				boolean firstWon = first.get(30, TimeUnit.SECONDS);
				boolean secondWon = second.get(30, TimeUnit.SECONDS);

				assertThat(firstWon).isNotEqualTo(secondWon);
				assertThat(this.tasks.find("app1", "t1")).contains(firstWon ? stopping : updating);
				assertThat(this.tasks.events("app1", "t1")).hasSize(round + 1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private Callable<Boolean> racer(CountDownLatch start, RelayTask next, long expectedVersion) {
		return () -> {
			start.await();
			return this.tasks.update(next, expectedVersion, event(next, Action.UPDATE, Outcome.SUCCEEDED, "race"));
		};
	}

	private void insertAll(RelayTask... all) {
		for (RelayTask task : all) {
			this.tasks.insert(task, null);
		}
	}

	@Test
	void listsTasksInGivenStatesAcrossAppsInKeysetPages() {
		this.tasks.insert(activeTask("app-b", "t1", singleSpec("c")), null);
		this.tasks.insert(activeTask("app-a", "t2", singleSpec("c")), null);
		this.tasks.insert(updatingTaskWithError("app-a", "t1"), null);
		this.tasks.insert(next(activeTask("app-a", "t3", singleSpec("c")), RelayTaskState.STOPPED), null);
		Set<RelayTaskState> watched = Set.of(RelayTaskState.ACTIVE, RelayTaskState.UPDATING);
		List<RelayTask> first = this.tasks.inStates(watched, null, 2);
		assertThat(first).extracting(RelayTask::appId, RelayTask::taskId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("app-a", "t1"),
					org.assertj.core.groups.Tuple.tuple("app-a", "t2"));
		List<RelayTask> second = this.tasks.inStates(watched,
				new io.streamrelay.relaytask.task.RelayTasks.TaskKey("app-a", "t2"), 2);
		assertThat(second).extracting(RelayTask::appId, RelayTask::taskId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("app-b", "t1"));
		assertThat(this.tasks.inStates(Set.of(RelayTaskState.STOPPED), null, 10)).extracting(RelayTask::taskId)
			.containsExactly("t3");
		assertThat(this.tasks.inStates(Set.of(), null, 10)).isEmpty();
	}

	@Test
	void listsStaleTasksInGivenStatesOldestFirst() {
		RelayTask young = activeTask("app-a", "young", singleSpec("c"));
		RelayTask old = updatingTaskWithError("app-b", "old");
		this.tasks.insert(young, null);
		this.tasks.insert(old, null);
		Set<RelayTaskState> states = Set.of(RelayTaskState.ACTIVE, RelayTaskState.UPDATING);
		Instant after = java.util.stream.Stream.of(young.updatedAt(), old.updatedAt())
			.max(Instant::compareTo)
			.orElseThrow()
			.plusSeconds(1);
		assertThat(this.tasks.staleInStates(states, after, 10)).extracting(RelayTask::updatedAt)
			.isSortedAccordingTo(Instant::compareTo)
			.hasSize(2);
		assertThat(this.tasks.staleInStates(states, old.updatedAt(), 10)).extracting(RelayTask::taskId)
			.doesNotContain("old");
		assertThat(this.tasks.staleInStates(Set.of(RelayTaskState.STOPPED), after, 10)).isEmpty();
	}

	@Test
	void pagesEventsOldestFirstAndFindsTheLastOne() {
		RelayTask task = activeTask("app-a", "ev", singleSpec("c"));
		this.tasks.insert(task, null);
		for (int i = 0; i < 5; i++) {
			this.tasks.append(event(task, Action.UPDATE, Outcome.SUCCEEDED, "e" + i));
		}
		assertThat(this.tasks.events("app-a", "ev", 0, 2)).extracting(RelayTaskEvent::detail)
			.containsExactly("e0", "e1");
		assertThat(this.tasks.events("app-a", "ev", 4, 2)).extracting(RelayTaskEvent::detail).containsExactly("e4");
		assertThat(this.tasks.lastEvent("app-a", "ev")).get().extracting(RelayTaskEvent::detail).isEqualTo("e4");
		assertThat(this.tasks.lastEvent("app-a", "none")).isEmpty();
	}

	@Test
	void oneUnreadableRowFailsOnlyItsOwnReconciliation() {
		// issue 8, interleaving 3: the candidate query used to load whole rows, so one
		// row
		// that could not be mapped aborted every run
		Instant old = CLOCK.instant().minusSeconds(600);
		RelayTask stuck = new RelayTask("app1", "t-stuck", singleSpec("ch1"), null, RelayTaskState.STARTING,
				TaskOrigin.API, 2, old, old, null, true);
		RelayTask broken = new RelayTask("app1", "t-broken", singleSpec("ch2"), null, RelayTaskState.STARTING,
				TaskOrigin.API, 2, old.minusSeconds(60), old.minusSeconds(60), null, true);
		this.tasks.insert(stuck, null);
		this.tasks.insert(broken, null);
		this.jdbc.sql("update relay_task set spec = '{not json' where task_id = 't-broken'").update();
		RecordingGateway gateway = new RecordingGateway();
		RelayTaskReconciler reconciler = new RelayTaskReconciler(this.tasks, gateway, CLOCK);

		RelayTaskReconciler.Report report = reconciler.reconcile(10, Duration.ofMinutes(2));

		assertThat(report.resolved()).isEqualTo(1);
		assertThat(report.unresolved()).isEqualTo(1);
		assertThat(this.tasks.find("app1", "t-stuck").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(this.jdbc.sql("select reconcile_attempts from relay_task where task_id = 't-broken'")
			.query(Integer.class)
			.single()).as("the unreadable row is deferred, so that it is not picked first for ever").isEqualTo(1);
	}

	@Test
	void aDeferredTaskIsNotDueUntilItsNextAttemptAndAnyWriteResetsTheBackoff() {
		Instant old = CLOCK.instant().minusSeconds(600);
		RelayTask stuck = new RelayTask("app1", "t1", singleSpec("ch1"), null, RelayTaskState.STOPPING, TaskOrigin.API,
				2, old, old, null, true);
		this.tasks.insert(stuck, null);
		RelayTasks.TaskKey key = new RelayTasks.TaskKey("app1", "t1");
		Set<RelayTaskState> states = RelayTaskState.TRANSITIONAL;

		this.tasks.deferReconciliation(key, 1, 5, CLOCK.instant().plusSeconds(60));
		assertThat(this.tasks.dueInStates(states, CLOCK.instant(), CLOCK.instant(), 10)).as("another version")
			.hasSize(1);
		this.tasks.deferReconciliation(key, 2, 5, CLOCK.instant().plusSeconds(60));

		assertThat(this.tasks.dueInStates(states, CLOCK.instant(), CLOCK.instant(), 10)).isEmpty();
		assertThat(this.tasks.dueInStates(states, (RelayTasks.TaskKey) null, CLOCK.instant(), 10)).isEmpty();
		assertThat(this.tasks.dueInStates(states, CLOCK.instant(), CLOCK.instant().plusSeconds(60), 10))
			.containsExactly(new RelayTasks.Candidate(key, 2, 5));

		RelayTask stopped = next(stuck, RelayTaskState.STOPPED);
		assertThat(this.tasks.update(stopped, 2, null)).isTrue();
		assertThat(this.tasks.dueInStates(Set.of(RelayTaskState.STOPPED), CLOCK.instant(), CLOCK.instant(), 10))
			.containsExactly(new RelayTasks.Candidate(key, 3, 0));
	}

	@Test
	void appendsAnEventAboutTheTaskOnlyWhileItIsStillAtTheVersionItWasRead() {
		RelayTask task = activeTask("app1", "t1", singleSpec("ch1"));
		this.tasks.insert(task, null);
		RelayTaskEvent stale = event(task, Action.STOP, Outcome.NO_CALL, "stale");

		assertThat(this.tasks.appendIfUnchanged(stale, 2)).isFalse();
		assertThat(this.tasks.appendIfUnchanged(stale, 1)).isTrue();
		assertThat(this.tasks.appendIfUnchanged(
				event(activeTask("app1", "t9", singleSpec("ch1")), Action.STOP, Outcome.NO_CALL, "gone"), 1))
			.isFalse();

		assertThat(this.tasks.events("app1", "t1")).containsExactly(stale);
	}

	@Test
	void keepsTheUnknownOutcomeOfATransitionalTaskAndTheStateOfEachHistoryEntry() {
		RelayTask unknown = updatingTaskWithError("app1", "t1");
		RelayTaskEvent event = new RelayTaskEvent("app1", "t1", CLOCK.instant(), Action.UPDATE, Outcome.UNKNOWN, null,
				"ReadTimeout", "no answer", RelayTaskState.UPDATING);

		this.tasks.insert(unknown, event);

		assertThat(this.tasks.find("app1", "t1").orElseThrow().outcomeUnknown()).isTrue();
		assertThat(this.tasks.events("app1", "t1")).containsExactly(event);
	}

	@Test
	void runningSinceIsKeptThroughUpdatesAndClearedWhenTheTaskEnds() {
		RelayTask active = activeTask("app1", "t-guard", singleSpec("ch1"));
		java.time.Instant since = active.updatedAt();
		this.tasks.insert(active, null);
		RelayTask updating = at(next(active, RelayTaskState.UPDATING), since.plusSeconds(60));
		assertThat(this.tasks.update(updating, active.version(), null)).isTrue();
		RelayTask again = at(next(updating, RelayTaskState.ACTIVE), since.plusSeconds(120));
		assertThat(this.tasks.update(again, updating.version(), null)).isTrue();

		assertThat(this.tasks.runningSince("app1", "t-guard")).contains(since);
		assertThat(this.tasks.activeSince("app1", since, 10)).extracting(RelayTasks.TaskKey::taskId)
			.containsExactly("t-guard");
		assertThat(this.tasks.activeSince("app1", since.minusSeconds(1), 10)).isEmpty();
		assertThat(this.tasks.activeSince("app2", since, 10)).isEmpty();

		RelayTask stopped = at(next(again, RelayTaskState.STOPPED), since.plusSeconds(180));
		assertThat(this.tasks.update(stopped, again.version(), null)).isTrue();
		assertThat(this.tasks.runningSince("app1", "t-guard")).isEmpty();
		assertThat(this.tasks.activeSince("app1", since.plusSeconds(600), 10)).isEmpty();
	}

	@Test
	void tasksWithAnOwnMaxDurationAreFoundByItAndLeftOutOfTheirAppsCutoff() {
		RelayTask own = activeTask("app1", "t-own", singleSpec("ch1").withMaxDurationSeconds(600));
		RelayTask plain = activeTask("app1", "t-plain", singleSpec("ch2"));
		this.tasks.insert(own, null);
		this.tasks.insert(plain, null);
		java.time.Instant later = own.updatedAt().plusSeconds(3600);

		assertThat(this.tasks.activeSince("app1", later, 10)).extracting(RelayTasks.TaskKey::taskId)
			.containsExactly("t-plain");
		assertThat(this.tasks.activeWithOwnLimit(10)).singleElement().satisfies((found) -> {
			assertThat(found.key()).isEqualTo(new RelayTasks.TaskKey("app1", "t-own"));
			assertThat(found.runningSince()).isEqualTo(own.updatedAt());
			assertThat(found.maxDuration()).isEqualTo(Duration.ofSeconds(600));
		});
		assertThat(this.tasks.find("app1", "t-own").orElseThrow().spec().maxDurationSeconds()).isEqualTo(600);

		RelayTask removed = new RelayTask(own.appId(), own.taskId(), own.spec().withMaxDurationSeconds(null), null,
				RelayTaskState.ACTIVE, own.origin(), own.version() + 1, own.createdAt(), own.updatedAt().plusSeconds(5),
				null, false);
		assertThat(this.tasks.update(removed, own.version(), null)).isTrue();
		assertThat(this.tasks.activeWithOwnLimit(10)).isEmpty();
		assertThat(this.tasks.activeSince("app1", later, 10)).hasSize(2);
	}

	@Test
	void storesTheHistoryOfUnmanagedRelaysInPagesAndFindsTheLatestEntryOfARelay() {
		this.jdbc.sql("delete from unmanaged_relay_action").update();
		JdbcUnmanagedRelayHistory history = new JdbcUnmanagedRelayHistory(this.jdbc);
		java.time.Instant at = CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		history.record(new io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Entry(null, "app1", "x1", "c1",
				io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Action.REPORTED,
				io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Outcome.NOTED,
				io.streamrelay.relaytask.reconciliation.UnmanagedPolicy.STOP, null, null, "seen", at));
		history.record(new io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Entry(null, "app1", "x1", "c1",
				io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Action.STOPPED,
				io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Outcome.FAILED,
				io.streamrelay.relaytask.reconciliation.UnmanagedPolicy.STOP, "REQ-1", "SDK.ReadTimeout", "failed",
				at.plusSeconds(1)));
		history.record(new io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Entry(null, "app2", "x2", null,
				io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Action.REPORTED,
				io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Outcome.NOTED,
				io.streamrelay.relaytask.reconciliation.UnmanagedPolicy.REPORT, null, null, "seen", at));

		var first = history.page("app1", 0, 1);
		assertThat(first).singleElement().satisfies((entry) -> {
			assertThat(entry.taskId()).isEqualTo("x1");
			assertThat(entry.action().name()).isEqualTo("REPORTED");
			assertThat(entry.at()).isEqualTo(at);
		});
		var rest = history.page("app1", first.get(0).id(), 10);
		assertThat(rest).singleElement().satisfies((entry) -> {
			assertThat(entry.outcome().name()).isEqualTo("FAILED");
			assertThat(entry.upstreamRequestId()).isEqualTo("REQ-1");
			assertThat(entry.errorCode()).isEqualTo("SDK.ReadTimeout");
		});
		assertThat(history.latest("app1", "x1")).get()
			.extracting((entry) -> entry.action().name())
			.isEqualTo("STOPPED");
		assertThat(history.latest("app1", "x2")).isEmpty();
	}

	private static RelayTask at(RelayTask task, java.time.Instant updatedAt) {
		return new RelayTask(task.appId(), task.taskId(), task.spec(), task.pendingSpec(), task.state(), task.origin(),
				task.version(), task.createdAt(), updatedAt, task.lastError(), task.outcomeUnknown());
	}

}
