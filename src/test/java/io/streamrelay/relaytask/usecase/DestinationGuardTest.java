package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.DestinationInUse;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.streamrelay.relaytask.usecase.CoreFixtures.APP;
import static io.streamrelay.relaytask.usecase.CoreFixtures.NOW;
import static io.streamrelay.relaytask.usecase.CoreFixtures.mixed;
import static io.streamrelay.relaytask.usecase.CoreFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class DestinationGuardTest {

	static final String KEYED = "rtmp://relay.example.com/live/secret-stream-key?auth_key=1-0-0-abc";

	final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	final RecordingGateway gateway = new RecordingGateway();

	final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	List<String> calls() {
		return this.gateway.calls().stream().map(RecordingGateway.Call::action).toList();
	}

	@Test
	void aSecondTaskOnTheDefaultPushUrlOfARunningTaskIsRefusedWithoutAVendorCall() {
		// a mixed task and a single task anchored on the same user share the app's
		// default push URL of that channel and user
		this.service.start(APP, "mix-a", mixed("ch1", null, "u1", "u2"));
		int before = calls().size();

		DestinationInUse refused = catchThrowableOfType(DestinationInUse.class,
				() -> this.service.start(APP, "single-b", single("ch1", "u1")));

		assertThat(refused.usedBy()).isEqualTo("mix-a");
		assertThat(calls()).hasSize(before);
		assertThat(this.tasks.find(APP, "single-b")).isEmpty();
		// another channel or another anchor is another stream
		assertThat(this.service.start(APP, "single-c", single("ch1", "u2")).state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(this.service.start(APP, "single-d", single("ch2", "u1")).state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	@ParameterizedTest
	@EnumSource(RelayTaskState.class)
	void everyStateInWhichTheVendorMayRunTheTaskHoldsItsDestination(RelayTaskState state) {
		this.tasks.insert(inState(state, "holder", KEYED), null);

		RelaySpec same = single("ch9", "u9")
			.withDestinations(List.of("RTMP://Relay.Example.COM:1935/live/secret-stream-key/?auth_key=1-0-0-def"));
		if (state.mayBeRunning()) {
			assertThatExceptionOfType(DestinationInUse.class).isThrownBy(() -> this.service.start(APP, "other", same))
				.satisfies((ex) -> assertThat(ex.usedBy()).isEqualTo("holder"));
			assertThat(calls()).isEmpty();
		}
		else {
			assertThat(this.service.start(APP, "other", same).state()).isEqualTo(RelayTaskState.ACTIVE);
		}
	}

	@Test
	void anyDestinationOfAMixedTaskCountsAndTheAnswerHidesTheStreamKeyAndQuery() {
		this.tasks.insert(inState(RelayTaskState.ACTIVE, "holder", KEYED), null);
		RelaySpec two = mixed("ch9", null, "u9")
			.withDestinations(List.of("rtmp://relay.example.com/live/free-key", KEYED.replace("abc", "xyz")));

		DestinationInUse refused = catchThrowableOfType(DestinationInUse.class,
				() -> this.service.start(APP, "other", two));

		assertThat(refused.destination()).isEqualTo("rtmp://relay.example.com/live/****?auth_key=****");
		assertThat(refused.getMessage()).contains("'holder'")
			.doesNotContain("secret-stream-key")
			.doesNotContain("xyz")
			.doesNotContain("abc");
	}

	@Test
	void aTaskOfAnotherAppIsNotNamed() {
		this.tasks.insert(ofApp2(inState(RelayTaskState.ACTIVE, "holder", KEYED)), null);

		DestinationInUse refused = catchThrowableOfType(DestinationInUse.class,
				() -> this.service.start(APP, "other", single("ch9", "u9").withDestinations(List.of(KEYED))));

		assertThat(refused.usedBy()).isNull();
		assertThat(refused.getMessage()).contains("another app").doesNotContain("holder");
	}

	@Test
	void otherQueryParametersNameAnotherStream() {
		String keyInQuery = "rtmp://relay.example.com/live?streamkey=one";
		this.tasks.insert(inState(RelayTaskState.ACTIVE, "holder", keyInQuery), null);

		RelayTask other = this.service.start(APP, "other",
				single("ch9", "u9").withDestinations(List.of("rtmp://relay.example.com/live?streamkey=two")));

		assertThat(other.state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	@Test
	void aTaskIsNeverInItsOwnWayWhenItIsUpdatedOrStartedAgain() {
		RelayTask task = this.service.start(APP, "own", single("ch1", "u1").withDestinations(List.of(KEYED)));
		RelayTask updated = this.service.update(task, mixed("ch1", null, "u1", "u2").withDestinations(List.of(KEYED)));
		assertThat(updated.state()).isEqualTo(RelayTaskState.ACTIVE);
		this.service.stop(APP, "own");

		assertThat(this.service.start(APP, "own", single("ch1", "u1").withDestinations(List.of(KEYED))).state())
			.isEqualTo(RelayTaskState.ACTIVE);
		assertThat(calls()).containsExactly("start", "update", "stop", "start");
	}

	@Test
	void anUpdateOntoAnotherTasksDestinationIsRefusedAndLeavesTheTaskAsItWas() {
		this.service.start(APP, "holder", single("ch1", "u1").withDestinations(List.of(KEYED)));
		RelayTask other = this.service.start(APP, "other", single("ch2", "u2"));

		assertThatExceptionOfType(DestinationInUse.class)
			.isThrownBy(() -> this.service.update(other, single("ch2", "u2").withDestinations(List.of(KEYED))));

		assertThat(this.tasks.find(APP, "other")).contains(other);
		assertThat(calls()).containsExactly("start", "start");
	}

	@Test
	void aRunningTasksOwnIdConflictIsAnsweredBeforeItsDestinations() {
		this.service.start(APP, "holder", single("ch1", "u1").withDestinations(List.of(KEYED)));
		this.service.start(APP, "other", single("ch2", "u2"));

		assertThatExceptionOfType(RelayTaskAlreadyExists.class)
			.isThrownBy(() -> this.service.start(APP, "other", single("ch2", "u2").withDestinations(List.of(KEYED))));
	}

	@Test
	void twoStartsRacingOnOneDestinationInOneProcessSendOnlyOne() throws Exception {
		CountDownLatch firstInInsert = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		InMemoryRelayTasks slowInsert = new InMemoryRelayTasks() {

			@Override
			public void insert(RelayTask task, RelayTaskEvent event) {
				if (task.taskId().equals("first")) {
					firstInInsert.countDown();
					awaitLatch(releaseFirst);
				}
				super.insert(task, event);
			}

		};
		RelayTaskService racing = new RelayTaskService(slowInsert, this.gateway, new CoreFixtures.FakeApps(),
				Clock.fixed(NOW, ZoneOffset.UTC));
		RelaySpec spec = single("ch1", "u1").withDestinations(List.of(KEYED));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			race(racing, spec, pool, firstInInsert, releaseFirst);
		}
		finally {
			releaseFirst.countDown();
			pool.shutdownNow();
		}
	}

	private void race(RelayTaskService racing, RelaySpec spec, ExecutorService pool, CountDownLatch firstInInsert,
			CountDownLatch releaseFirst) throws Exception {
		CompletableFuture<RelayTask> first = CompletableFuture.supplyAsync(() -> racing.start(APP, "first", spec),
				pool);
		assertThat(firstInInsert.await(10, TimeUnit.SECONDS)).isTrue();
		AtomicReference<Thread> secondThread = new AtomicReference<>();
		CompletableFuture<RelayTask> second = CompletableFuture.supplyAsync(() -> {
			secondThread.set(Thread.currentThread());
			return racing.start(APP, "second", single("ch2", "u2").withDestinations(List.of(KEYED)));
		}, pool);

		// without the critical section the second start would pass the check (the first
		// task is not stored yet) and reach the vendor while the first waits
		await().atMost(Duration.ofSeconds(10))
			.until(() -> second.isDone()
					|| (secondThread.get() != null && secondThread.get().getState() == Thread.State.WAITING));
		assertThat(second).isNotDone();
		releaseFirst.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS).state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(catchThrowableOfType(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS)))
			.hasCauseInstanceOf(DestinationInUse.class);
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::taskId).containsExactly("first");
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RelayTask ofApp2(RelayTask task) {
		return new RelayTask("app2", task.taskId(), task.spec(), task.pendingSpec(), task.state(), task.origin(),
				task.version(), task.createdAt(), task.updatedAt(), task.lastError(), task.outcomeUnknown());
	}

	/** A task of app1 in {@code state}, reached through the aggregate's transitions. */
	private static RelayTask inState(RelayTaskState state, String taskId, String destination) {
		RelaySpec spec = single("ch0", "u0").withDestinations(List.of(destination));
		RelayTask starting = RelayTask.starting(APP, taskId, spec, NOW);
		RelayTask active = starting.started("REQ", NOW).after();
		return switch (state) {
			case STARTING -> starting;
			case ACTIVE -> active;
			case UPDATING -> active.beginUpdate(spec, NOW);
			case STOPPING -> active.beginStop(NOW);
			case STOPPED -> active.beginStop(NOW).stopped(Action.STOP, "REQ", NOW).after();
			case FAILED ->
				starting.startFailed(new UpstreamFailure.Rejected("InvalidParam", "no", "REQ", 400), NOW).after();
		};
	}

}
