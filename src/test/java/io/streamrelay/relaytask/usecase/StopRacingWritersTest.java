package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.streamrelay.relaytask.events.EventApplier;
import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static io.streamrelay.relaytask.usecase.CoreFixtures.APP;
import static io.streamrelay.relaytask.usecase.CoreFixtures.NOW;
import static io.streamrelay.relaytask.usecase.CoreFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A DELETE without If-Match whose intent loses to an internal writer (a vendor event
 * applied, the reconciler) between its read and its write: read again and decided again,
 * bounded; with If-Match the client's precondition still decides. The interleaving is
 * forced with latches: the stop's intent waits until the other writer has written.
 */
class StopRacingWritersTest {

	final RecordingGateway gateway = new RecordingGateway();

	/** Runs before a stop's intent (a STOPPING write without history entry). */
	volatile UnaryOperator<RelayTask> beforeStopIntent = UnaryOperator.identity();

	final InMemoryRelayTasks tasks = new InMemoryRelayTasks() {

		@Override
		public boolean update(RelayTask task, long expectedVersion, RelayTaskEvent event) {
			if (task.state() == RelayTaskState.STOPPING && event == null) {
				StopRacingWritersTest.this.beforeStopIntent.apply(task);
			}
			return super.update(task, expectedVersion, event);
		}

	};

	final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	List<String> calls() {
		return this.gateway.calls().stream().map(RecordingGateway.Call::action).toList();
	}

	@Test
	void aStopRacingTheVendorsEndEventAnswersTheStoppedTaskWithoutAStopCall() throws Exception {
		String taskId = this.service.start(APP, "raced", single("ch1", "u1")).taskId();
		Instant ended = NOW.plusSeconds(5);
		EventApplier applier = new EventApplier(this.tasks, new SettledEvents(),
				Clock.fixed(ended.plusSeconds(1), ZoneOffset.UTC));
		CountDownLatch stopHasRead = new CountDownLatch(1);
		CountDownLatch eventApplied = new CountDownLatch(1);
		AtomicInteger intents = new AtomicInteger();
		this.beforeStopIntent = (intent) -> {
			if (intents.incrementAndGet() == 1) {
				stopHasRead.countDown();
				awaitOrFail(eventApplied);
			}
			return intent;
		};
		CompletableFuture<EventApplier.Result> applied = CompletableFuture.supplyAsync(() -> {
			awaitOrFail(stopHasRead);
			try {
				return applier.apply(endEvent(taskId, ended));
			}
			finally {
				eventApplied.countDown();
			}
		});

		RelayTask answered = this.service.stop(APP, taskId);

		assertThat(applied.get(10, TimeUnit.SECONDS)).isEqualTo(EventApplier.Result.APPLIED);
		assertThat(intents).hasValue(1);
		assertThat(answered.state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(calls()).containsExactly("start");
		assertThat(this.tasks.events(APP, taskId)).extracting(RelayTaskEvent::action)
			.extracting(Enum::name)
			.containsExactly("START", "EVENT", "STOP");
	}

	@Test
	void aStopRacingTheReconcilersObservedStartStopsTheTaskAsItIsNow() {
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.start(APP, "unknown", single("ch1", "u1")));
		this.gateway.failWith(null);
		AtomicInteger intents = new AtomicInteger();
		this.beforeStopIntent = (intent) -> {
			if (intents.incrementAndGet() == 1) {
				// the reconciler finds the task in the vendor's list meanwhile
				RelayTask stored = this.tasks.find(APP, "unknown").orElseThrow();
				var observed = stored.startObserved(NOW);
				assertThat(this.tasks.update(observed.after(), stored.version(), observed.event())).isTrue();
			}
			return intent;
		};

		RelayTask answered = this.service.stop(APP, "unknown");

		assertThat(intents).hasValue(2);
		assertThat(answered.state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(calls()).containsExactly("start", "stop");
	}

	@Test
	void aStopThatKeepsLosingGivesUpAfterThreeReadsWithoutAVendorCall() {
		this.service.start(APP, "busy", single("ch1", "u1"));
		AtomicInteger intents = new AtomicInteger();
		this.beforeStopIntent = (intent) -> {
			intents.incrementAndGet();
			bumpVersion("busy");
			return intent;
		};

		assertThatExceptionOfType(RelayTaskModifiedConcurrently.class).isThrownBy(() -> this.service.stop(APP, "busy"));

		assertThat(intents).hasValue(StopRelay.ATTEMPTS);
		assertThat(calls()).containsExactly("start");
		assertThat(this.tasks.find(APP, "busy").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	@Test
	void aStopWithIfMatchStillLosesToAnyWriterAfterTheRead() {
		RelayTask read = this.service.start(APP, "matched", single("ch1", "u1"));
		this.beforeStopIntent = (intent) -> {
			bumpVersion("matched");
			return intent;
		};

		assertThatExceptionOfType(RelayTaskModifiedConcurrently.class).isThrownBy(() -> this.service.stop(read));
		assertThatExceptionOfType(RelayTaskModifiedConcurrently.class)
			.isThrownBy(() -> this.service.stop(APP, "matched", read.version()));

		assertThat(calls()).containsExactly("start");
	}

	private void bumpVersion(String taskId) {
		RelayTask stored = this.tasks.find(APP, taskId).orElseThrow();
		RelayTask touched = new RelayTask(stored.appId(), stored.taskId(), stored.spec(), stored.pendingSpec(),
				stored.state(), stored.origin(), stored.version() + 1, stored.createdAt(), stored.updatedAt(),
				stored.lastError(), stored.outcomeUnknown());
		assertThat(this.tasks.update(touched, stored.version(), null)).isTrue();
	}

	private static VendorEvent endEvent(String taskId, Instant at) {
		return new VendorEvent("m-end-" + taskId, APP, "Sub-1", taskId, 1, 2, 0, "", "rtmp://push.test/live/****", at,
				at, at, VendorEvent.Source.CALLBACK, "{}");
	}

	private static void awaitOrFail(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).as("the other writer's turn came").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The event store as far as the applier needs it: what it settled. */
	static final class SettledEvents implements VendorEvents {

		final ConcurrentHashMap<String, Status> settled = new ConcurrentHashMap<>();

		@Override
		public boolean record(VendorEvent event) {
			return true;
		}

		@Override
		public boolean known(String msgId) {
			return this.settled.containsKey(msgId);
		}

		@Override
		public List<VendorEvent> pending(Instant before, int limit) {
			return List.of();
		}

		@Override
		public void settle(String msgId, Status status, String note, Instant at) {
			this.settled.put(msgId, status);
		}

		@Override
		public List<StoredEvent> list(String appId, Status status, int limit) {
			return List.of();
		}

		@Override
		public Optional<Instant> recordsReadUntil(String appId) {
			return Optional.empty();
		}

		@Override
		public void recordsReadUntil(String appId, Instant until) {
		}

	}

}
