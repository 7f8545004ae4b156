package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.SpecPreparation;
import io.streamrelay.relaytask.spec.StreamType;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.spec.Violation;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTaskNotFound;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.task.TaskError;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.streamrelay.relaytask.usecase.CoreFixtures.APP;
import static io.streamrelay.relaytask.usecase.CoreFixtures.APP_SEI;
import static io.streamrelay.relaytask.usecase.CoreFixtures.NOW;
import static io.streamrelay.relaytask.usecase.CoreFixtures.defaultId;
import static io.streamrelay.relaytask.usecase.CoreFixtures.mixed;
import static io.streamrelay.relaytask.usecase.CoreFixtures.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class RelayTaskServiceTest {

	final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	final List<RelayTask> seenDuringStart = new ArrayList<>();

	final RecordingGateway gateway = new RecordingGateway() {

		@Override
		public UpstreamReceipt start(String appId, String taskId, RelaySpec spec) {
			RelayTaskServiceTest.this.tasks.find(appId, taskId)
				.ifPresent(RelayTaskServiceTest.this.seenDuringStart::add);
			return super.start(appId, taskId, spec);
		}

	};

	final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	List<String> calls() {
		return this.gateway.calls().stream().map(RecordingGateway.Call::action).toList();
	}

	RelayTask stored(String taskId) {
		return this.tasks.find(APP, taskId).orElseThrow();
	}

	List<RelayTaskEvent> events(String taskId) {
		return this.tasks.events(APP, taskId);
	}

	// start

	@Test
	void startRecordsStartingBeforeTheVendorCallAndActiveAfter() {
		RelayTask task = this.service.start(APP, null, single("ch1", "u1"));
		assertThat(this.seenDuringStart).singleElement().satisfies((during) -> {
			assertThat(during.state()).isEqualTo(RelayTaskState.STARTING);
			assertThat(during.version()).isEqualTo(1);
		});
		assertThat(task.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(task.version()).isEqualTo(2);
		assertThat(stored(task.taskId())).isEqualTo(task);
		assertThat(events(task.taskId())).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.START);
			assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
			assertThat(e.upstreamRequestId()).isEqualTo("REQ-1");
			assertThat(e.at()).isEqualTo(NOW);
		});
	}

	@Test
	void startOfSingleRelayDefaultsTheTaskIdToTheClientSdkMpuTaskId() {
		RelayTask task = this.service.start(APP, null, single("ch1", "u1"));
		assertThat(task.taskId()).isEqualTo(MpuTaskIds.of("app1", "ch1", "u1"));
		assertThat(this.gateway.calls().get(0).taskId()).isEqualTo(task.taskId());
	}

	@Test
	void startOfMixedRelayDefaultsTheTaskIdToTheMpuTaskIdOfTheFirstUser() {
		RelayTask task = this.service.start(APP, null, mixed("chm", null, "first", "second"));
		assertThat(task.taskId()).isEqualTo(MpuTaskIds.of("app1", "chm", "first"));
	}

	@Test
	void startUsesTheRequestedTaskIdWhenGiven() {
		RelayTask task = this.service.start(APP, "my-task", single("ch1", "u1"));
		assertThat(task.taskId()).isEqualTo("my-task");
		assertThat(this.gateway.calls().get(0).taskId()).isEqualTo("my-task");
	}

	@Test
	void startSendsTheNormalizedSpecToTheVendor() {
		RelayTask task = this.service.start(APP, null, single("ch1", "u1"));
		RelaySpec sent = this.gateway.calls().get(0).spec();
		assertThat(sent.destinations()).containsExactly("rtmp://push.test/live/app1_ch1_u1_camera");
		assertThat(sent.sei()).isEqualTo(APP_SEI);
		assertThat(task.spec()).isEqualTo(sent);
	}

	static Stream<Arguments> knownFailures() {
		return Stream.of(
				Arguments.of((Supplier<UpstreamFailure>) () -> new UpstreamFailure.Rejected("InvalidParameter",
						"bad layout", "REQ-R", 400), Outcome.REJECTED),
				Arguments.of((Supplier<UpstreamFailure>) () -> new UpstreamFailure.Throttled("Throttling.User",
						"slow down", "REQ-T"), Outcome.REJECTED),
				Arguments.of((Supplier<UpstreamFailure>) () -> new UpstreamFailure.Unreachable("ConnectFailed",
						"connection refused"), Outcome.NOT_SENT),
				Arguments
					.of((Supplier<UpstreamFailure>) () -> new UpstreamFailure.AuthFailed("InvalidAccessKeyId.NotFound",
							"unknown key", "REQ-A"), Outcome.REJECTED));
	}

	@ParameterizedTest
	@MethodSource("knownFailures")
	void startFailingWithKnownOutcomeEndsFailedWithLastErrorAndEvent(Supplier<UpstreamFailure> failure,
			Outcome outcome) {
		UpstreamFailure expected = failure.get();
		this.gateway.failWith(() -> expected);
		String id = defaultId("ch1", "u1");
		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.service.start(APP, null, single("ch1", "u1")));
		assertThat(thrown).isSameAs(expected);
		RelayTask task = stored(id);
		assertThat(task.state()).isEqualTo(RelayTaskState.FAILED);
		assertThat(task.lastError())
			.isEqualTo(new TaskError(expected.code(), expected.getMessage(), expected.requestId(), NOW));
		assertThat(events(id)).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.START);
			assertThat(e.outcome()).isEqualTo(outcome);
			assertThat(e.errorCode()).isEqualTo(expected.code());
			assertThat(e.detail()).isEqualTo(expected.getMessage());
		});
	}

	static Stream<Supplier<UpstreamFailure>> unknownFailures() {
		return Stream.of(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer in 10s"),
				() -> new UpstreamFailure.BadResponse("InternalError", "vendor 503", "REQ-B"));
	}

	@ParameterizedTest
	@MethodSource("unknownFailures")
	void startWithUnknownOutcomeStaysStartingWithErrorAndUnknownEvent(Supplier<UpstreamFailure> failure) {
		UpstreamFailure expected = failure.get();
		this.gateway.failWith(() -> expected);
		String id = defaultId("ch1", "u1");
		assertThatExceptionOfType(UpstreamFailure.class)
			.isThrownBy(() -> this.service.start(APP, null, single("ch1", "u1")))
			.isSameAs(expected);
		RelayTask task = stored(id);
		assertThat(task.state()).isEqualTo(RelayTaskState.STARTING);
		assertThat(task.lastError().code()).isEqualTo(expected.code());
		assertThat(events(id)).singleElement().satisfies((e) -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
	}

	@Test
	void restartOfStoppedTaskStartsItAgainUnderTheSameId() {
		RelayTask first = this.service.start(APP, null, single("ch1", "u1"));
		this.service.stop(APP, first.taskId());
		RelayTask again = this.service.start(APP, null, single("ch1", "u1"));
		assertThat(again.taskId()).isEqualTo(first.taskId());
		assertThat(again.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(again.version()).isEqualTo(6);
		assertThat(calls()).containsExactly("start", "stop", "start");
	}

	@Test
	void restartOfFailedTaskStartsItAgain() {
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParameter", "no", "REQ-R", 400));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.start(APP, null, single("ch1", "u1")));
		this.gateway.failWith(null);
		RelayTask again = this.service.start(APP, null, single("ch1", "u1"));
		assertThat(again.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(again.lastError()).isNull();
		assertThat(calls()).containsExactly("start", "start");
	}

	@Test
	void startOfAnActiveIdWithAnotherSpecIsRefusedWithoutVendorCall() {
		RelayTask first = this.service.start(APP, null, single("ch1", "u1"));
		RelaySpec other = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", StreamType.AUDIO, null), null,
				null, null, null, null);
		assertThatExceptionOfType(RelayTaskAlreadyExists.class).isThrownBy(() -> this.service.start(APP, null, other))
			.satisfies((ex) -> assertThat(ex.taskId()).isEqualTo(first.taskId()));
		assertThat(calls()).containsExactly("start");
		assertThat(stored(first.taskId())).isEqualTo(first);
	}

	@Test
	void theSameStartAgainGetsTheTaskBackWithoutVendorCall() {
		RelayTask first = this.service.start(APP, null, single("ch1", "u1"));
		RelayTaskService.StartOutcome again = this.service.startTask(APP, null, single("ch1", "u1"));
		assertThat(again.created()).isFalse();
		assertThat(again.task()).isEqualTo(first);
		assertThat(calls()).containsExactly("start");
	}

	@Test
	void theSameStartAgainAfterAnUnknownOutcomeGetsTheStartingTaskInsteadOfAConflict() {
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.start(APP, null, single("ch1", "u1")));
		this.gateway.failWith(null);
		RelayTaskService.StartOutcome retry = this.service.startTask(APP, null, single("ch1", "u1"));
		assertThat(retry.created()).isFalse();
		assertThat(retry.task().state()).isEqualTo(RelayTaskState.STARTING);
		assertThat(calls()).containsExactly("start");
	}

	@Test
	void startOfInvalidSpecThrowsWithoutStoringOrCalling() {
		RelaySpec bad = new RelaySpec("ch1", RelayMode.SINGLE, null, null, null, null, null, null);
		assertThatExceptionOfType(InvalidRelaySpec.class).isThrownBy(() -> this.service.start(APP, "t", bad))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).contains("single"));
		assertThat(this.gateway.calls()).isEmpty();
		assertThat(this.tasks.find(APP, "t")).isEmpty();
	}

	@Test
	void startForAnUnknownAppThrowsUnknownApp() {
		assertThatExceptionOfType(UnknownApp.class).isThrownBy(() -> this.service.start("nope", null, single("c", "u")))
			.withMessageContaining("nope");
		assertThat(this.gateway.calls()).isEmpty();
	}

	// update

	@Test
	void updateSendsTheWholeNormalizedSpecAndAdoptsIt() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		RelaySpec requested = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", StreamType.AUDIO, null),
				null, null, null, null, null);
		RelayTask updated = this.service.update(APP, active.taskId(), active.version(), requested);
		RelaySpec sent = this.gateway.calls().get(1).spec();
		assertThat(this.gateway.calls().get(1).action()).isEqualTo("update");
		assertThat(sent.single().streamType()).isEqualTo(StreamType.AUDIO);
		assertThat(sent.destinations()).containsExactly("rtmp://push.test/live/app1_ch1_u1_camera");
		assertThat(sent.sei()).isEqualTo(APP_SEI);
		assertThat(updated.spec()).isEqualTo(sent);
		assertThat(updated.pendingSpec()).isNull();
		assertThat(updated.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(updated.version()).isEqualTo(active.version() + 2);
		assertThat(events(active.taskId())).extracting(RelayTaskEvent::action, RelayTaskEvent::outcome)
			.containsExactly(tuple(Action.START, Outcome.SUCCEEDED), tuple(Action.UPDATE, Outcome.SUCCEEDED));
	}

	@Test
	void rejectedUpdateKeepsTheOldSpecActiveAndRethrows() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		UpstreamFailure rejected = new UpstreamFailure.Rejected("InvalidParameter", "no", "REQ-R", 400);
		this.gateway.failWith(() -> rejected);
		RelaySpec requested = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", StreamType.AUDIO, null),
				null, null, null, null, null);
		assertThatExceptionOfType(UpstreamFailure.class)
			.isThrownBy(() -> this.service.update(APP, active.taskId(), active.version(), requested))
			.isSameAs(rejected);
		RelayTask after = stored(active.taskId());
		assertThat(after.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(after.spec()).isEqualTo(active.spec());
		assertThat(after.pendingSpec()).isNull();
		assertThat(after.lastError().code()).isEqualTo("InvalidParameter");
		assertThat(events(active.taskId())).last().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.UPDATE);
			assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
		});
	}

	@Test
	void updateWithUnknownOutcomeStaysUpdatingWithThePendingSpec() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		RelaySpec requested = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", StreamType.AUDIO, null),
				null, null, null, null, null);
		catchThrowableOfType(UpstreamFailure.class,
				() -> this.service.update(APP, active.taskId(), active.version(), requested));
		RelayTask after = stored(active.taskId());
		assertThat(after.state()).isEqualTo(RelayTaskState.UPDATING);
		assertThat(after.spec()).isEqualTo(active.spec());
		assertThat(after.pendingSpec().single().streamType()).isEqualTo(StreamType.AUDIO);
	}

	@Test
	void updateWithStaleVersionThrowsWithoutVendorCall() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		assertThatExceptionOfType(RelayTaskModifiedConcurrently.class)
			.isThrownBy(() -> this.service.update(APP, active.taskId(), active.version() - 1, single("ch1", "u1")))
			.satisfies((ex) -> assertThat(ex.taskId()).isEqualTo(active.taskId()));
		assertThat(calls()).containsExactly("start");
		assertThat(stored(active.taskId())).isEqualTo(active);
	}

	@Test
	void updateChangingAnImmutableFieldIsRefusedWithoutVendorCall() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		assertThatExceptionOfType(InvalidRelaySpec.class)
			.isThrownBy(() -> this.service.update(APP, active.taskId(), active.version(), single("other", "u1")))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).contains("channelId"));
		assertThat(calls()).containsExactly("start");
	}

	@Test
	void updateOfAStoppedTaskIsAStateConflict() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		RelayTask stopped = this.service.stop(APP, active.taskId());
		assertThatExceptionOfType(RelayTaskStateConflict.class)
			.isThrownBy(() -> this.service.update(APP, active.taskId(), stopped.version(), single("ch1", "u1")));
		assertThat(calls()).containsExactly("start", "stop");
	}

	// stop

	@Test
	void stopOfActiveTaskEndsStopped() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		RelayTask stopped = this.service.stop(APP, active.taskId());
		assertThat(stopped.state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(stopped.version()).isEqualTo(active.version() + 2);
		assertThat(calls()).containsExactly("start", "stop");
		assertThat(events(active.taskId())).last().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.STOP);
			assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
		});
	}

	@Test
	void stopOfStoppedTaskSendsNothingAndRecordsNoCallEvent() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		RelayTask stopped = this.service.stop(APP, active.taskId());
		RelayTask again = this.service.stop(APP, active.taskId());
		assertThat(again).isEqualTo(stopped);
		assertThat(calls()).containsExactly("start", "stop");
		assertThat(events(active.taskId())).last().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.STOP);
			assertThat(e.outcome()).isEqualTo(Outcome.NO_CALL);
			assertThat(e.detail()).contains("stopped");
		});
	}

	@Test
	void stopOfFailedTaskSendsNothing() {
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParameter", "no", "REQ-R", 400));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.start(APP, null, single("ch1", "u1")));
		this.gateway.reset();
		RelayTask failed = this.service.stop(APP, defaultId("ch1", "u1"));
		assertThat(failed.state()).isEqualTo(RelayTaskState.FAILED);
		assertThat(this.gateway.calls()).isEmpty();
		assertThat(events(failed.taskId())).last().extracting(RelayTaskEvent::outcome).isEqualTo(Outcome.NO_CALL);
	}

	@Test
	void stopOfAStartingTaskWithoutErrorIsAStateConflict() {
		this.tasks.insert(RelayTask.starting(APP, "in-flight", single("ch1", "u1"), NOW), null);
		assertThatExceptionOfType(RelayTaskStateConflict.class).isThrownBy(() -> this.service.stop(APP, "in-flight"))
			.satisfies((ex) -> assertThat(ex.state()).isEqualTo(RelayTaskState.STARTING));
		assertThat(this.gateway.calls()).isEmpty();
		assertThat(stored("in-flight").state()).isEqualTo(RelayTaskState.STARTING);
	}

	@Test
	void stopOfAStartingTaskWithUnknownOutcomeIsSentToTheVendor() {
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.start(APP, null, single("ch1", "u1")));
		this.gateway.failWith(null);
		RelayTask stopped = this.service.stop(APP, defaultId("ch1", "u1"));
		assertThat(stopped.state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(calls()).containsExactly("start", "stop");
	}

	@Test
	void aRefusedStopAfterAStartOfUnknownOutcomeStaysStoppingForTheReconciler() {
		// found by the lifecycle model: the timed-out start may still act at the vendor a
		// moment later, so neither the refusal nor the list's silence proves it stopped
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.start(APP, null, single("ch1", "u1")));
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParam", "not running", "REQ-S", 400));
		this.gateway.describeFinds(false);

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.service.stop(APP, defaultId("ch1", "u1")));

		assertThat(thrown).isInstanceOf(UpstreamFailure.Rejected.class);
		RelayTask after = stored(defaultId("ch1", "u1"));
		assertThat(after.state()).isEqualTo(RelayTaskState.STOPPING);
		assertThat(after.outcomeUnknown()).isTrue();
	}

	@Test
	void stopRejectedWhileTheVendorStillListsTheTaskReturnsToActiveAndRethrows() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		UpstreamFailure rejected = new UpstreamFailure.Rejected("OperationDenied", "not now", "REQ-S", 403);
		this.gateway.failWith(() -> rejected);
		this.gateway.describeFinds(true);
		assertThatExceptionOfType(UpstreamFailure.class).isThrownBy(() -> this.service.stop(APP, active.taskId()))
			.isSameAs(rejected);
		RelayTask after = stored(active.taskId());
		assertThat(after.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(after.spec()).isEqualTo(active.spec());
		assertThat(after.lastError().code()).isEqualTo("OperationDenied");
		assertThat(after.version()).isEqualTo(active.version() + 2);
		assertThat(calls()).containsExactly("start", "stop", "describe");
		assertThat(events(active.taskId())).last().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.STOP);
			assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
		});
	}

	@Test
	void stopRejectedForATaskTheVendorNoLongerRunsEndsStopped() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("TaskNotFound", "gone", "REQ-S", 400));
		this.gateway.describeFinds(false);
		RelayTask stopped = this.service.stop(APP, active.taskId());
		assertThat(stopped.state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(stored(active.taskId()).state()).isEqualTo(RelayTaskState.STOPPED);
	}

	@Test
	void stopWithUnknownOutcomeStaysStopping() {
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.stop(APP, active.taskId()));
		RelayTask after = stored(active.taskId());
		assertThat(after.state()).isEqualTo(RelayTaskState.STOPPING);
		assertThat(after.lastError().code()).isEqualTo("ReadTimeout");
	}

	@Test
	void aStopSentWhileAnUpdateIsInFlightIsAConflictEvenAfterAnEarlierFailedUpdate() {
		// interleaving 1 of issue 8: an earlier refused update leaves a lastError, which
		// used to pass for "the in-flight call's outcome is unknown"
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParam", "no", "REQ-X", 400));
		catchThrowableOfType(UpstreamFailure.class,
				() -> this.service.update(APP, active.taskId(), active.version() + 0, mixed("ch1", null, "u1", "u2")));
		this.gateway.reset();
		RelayTask withError = stored(active.taskId());
		assertThat(withError.lastError()).isNotNull();
		List<Throwable> stopDuringUpdate = new ArrayList<>();
		RelayTaskService racing = new RelayTaskService(this.tasks, new RecordingGateway() {

			@Override
			public UpstreamReceipt update(String appId, String taskId, RelaySpec spec) {
				stopDuringUpdate.add(catchThrowableOfType(RuntimeException.class,
						() -> RelayTaskServiceTest.this.service.stop(appId, taskId)));
				return super.update(appId, taskId, spec);
			}

		}, new CoreFixtures.FakeApps(), Clock.fixed(NOW, ZoneOffset.UTC));

		RelayTask updated = racing.update(withError, mixed("ch1", null, "u1", "u2"));

		assertThat(stopDuringUpdate).singleElement().isInstanceOf(RelayTaskStateConflict.class);
		assertThat(this.gateway.calls()).isEmpty();
		assertThat(updated.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(updated.mode()).isEqualTo(RelayMode.MIXED);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("knownFailures")
	void aRetriedStopOfAStopOfUnknownOutcomeAnswersWhatTheVendorDidAndStaysStopping(Supplier<UpstreamFailure> failure,
			Outcome outcome) {
		// interleaving 2 of issue 8: the retry used to answer 409 "Cannot return to ...
		// while it is stopping" and record nothing
		RelayTask active = this.service.start(APP, null, single("ch1", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("ReadTimeout", "no answer"));
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.stop(APP, active.taskId()));
		this.gateway.failWith(failure);
		this.gateway.describeFinds(true);
		int historyBefore = this.tasks.events(APP, active.taskId()).size();

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.service.stop(APP, active.taskId()));

		assertThat(thrown).isExactlyInstanceOf(failure.get().getClass());
		RelayTask after = stored(active.taskId());
		assertThat(after.state()).isEqualTo(RelayTaskState.STOPPING);
		assertThat(after.outcomeUnknown()).isTrue();
		assertThat(this.tasks.events(APP, active.taskId())).hasSize(historyBefore + 1)
			.last()
			.satisfies((event) -> assertThat(event.action()).isEqualTo(Action.STOP))
			.satisfies((event) -> assertThat(event.outcome()).isEqualTo(outcome))
			.satisfies((event) -> assertThat(event.state()).isEqualTo(RelayTaskState.STOPPING));
	}

	@Test
	void aRefusedStopEndsStoppedUnlessTheVendorListProvesTheTaskRuns() {
		RelayTask first = this.service.start(APP, null, single("ch1", "u1"));
		RelayTask second = this.service.start(APP, null, single("ch2", "u2"));
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParam", "not running", "REQ-S", 400));
		this.gateway.describeFinds(true);
		// where the list may keep stopped tasks, being listed proves nothing
		this.gateway.listKeepsStopped(true);
		assertThat(this.service.stop(APP, first.taskId()).state()).isEqualTo(RelayTaskState.STOPPED);
		this.gateway.listKeepsStopped(false);
		catchThrowableOfType(UpstreamFailure.class, () -> this.service.stop(APP, second.taskId()));
		assertThat(stored(second.taskId()).state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(events(first.taskId())).last()
			.satisfies((e) -> assertThat(e.outcome()).isEqualTo(Outcome.REJECTED))
			.satisfies((e) -> assertThat(e.state()).isEqualTo(RelayTaskState.STOPPED));
	}

	@Test
	void stopOfAnUnknownTaskIsNotFound() {
		assertThatExceptionOfType(RelayTaskNotFound.class).isThrownBy(() -> this.service.stop(APP, "missing"));
		assertThat(this.gateway.calls()).isEmpty();
	}

	// adopt

	@Test
	void adoptRecordsAnActiveAdoptedTaskWithoutVendorCall() {
		RelayTask adopted = this.service.adopt(APP, null, single("live7", "anchor"));
		assertThat(adopted.taskId()).isEqualTo(MpuTaskIds.of(APP, "live7", "anchor"));
		assertThat(adopted.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(adopted.origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(adopted.spec().destinations()).containsExactly("rtmp://push.test/live/app1_live7_anchor_camera");
		assertThat(this.gateway.calls()).isEmpty();
		assertThat(stored(adopted.taskId())).isEqualTo(adopted);
		assertThat(events(adopted.taskId())).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(Action.ADOPT);
			assertThat(e.outcome()).isEqualTo(Outcome.NO_CALL);
		});
	}

	@Test
	void adoptAcceptsTheMatchingMpuTaskId() {
		String id = MpuTaskIds.of(APP, "live7", "anchor");
		assertThat(this.service.adopt(APP, id, single("live7", "anchor")).taskId()).isEqualTo(id);
	}

	@Test
	void adoptWithAMismatchingTaskIdIsInvalid() {
		assertThatExceptionOfType(InvalidRelaySpec.class)
			.isThrownBy(() -> this.service.adopt(APP, "other", single("live7", "anchor")))
			.satisfies((ex) -> assertThat(ex.violations()).singleElement().satisfies((v) -> {
				assertThat(v.field()).isEqualTo("taskId");
				assertThat(v.rule()).contains(MpuTaskIds.of(APP, "live7", "anchor"));
			}));
		assertThat(this.tasks.list(APP, new TaskQuery(null, null, null, 10))).isEmpty();
	}

	@Test
	void adoptOfARunningTaskIsRefusedAndOfAStoppedOneReplacesIt() {
		RelayTask started = this.service.start(APP, null, single("live7", "anchor"));
		assertThatExceptionOfType(RelayTaskAlreadyExists.class)
			.isThrownBy(() -> this.service.adopt(APP, null, single("live7", "anchor")));
		RelayTask stopped = this.service.stop(APP, started.taskId());
		RelayTask adopted = this.service.adopt(APP, null, single("live7", "anchor"));
		assertThat(adopted.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(adopted.origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(adopted.version()).isEqualTo(stopped.version() + 1);
		assertThat(calls()).containsExactly("start", "stop");
	}

	// normalization

	@Test
	void normalizationFillsTheDefaultDestinationAndSei() {
		RelaySpec spec = SpecPreparation.normalize(new CoreFixtures.FakeApp("app1", APP_SEI), single("ch1", "u1"));
		assertThat(spec.destinations()).containsExactly("rtmp://push.test/live/app1_ch1_u1_camera");
		assertThat(spec.sei()).isEqualTo(APP_SEI);
	}

	@Test
	void normalizationKeepsCallerDestinationsAndSei() {
		SeiSettings own = new SeiSettings(5, new SeiSettings.SeiTiming(1000, false), null);
		RelaySpec requested = single("ch1", "u1").withDestinations(List.of("rtmp://cdn.example.com/app/key"))
			.withSei(own);
		RelaySpec spec = SpecPreparation.normalize(new CoreFixtures.FakeApp("app1", APP_SEI), requested);
		assertThat(spec.destinations()).containsExactly("rtmp://cdn.example.com/app/key");
		assertThat(spec.sei()).isEqualTo(own);
	}

	@Test
	void normalizationLeavesSeiAbsentWhenTheAppHasNoDefault() {
		RelaySpec spec = SpecPreparation.normalize(new CoreFixtures.FakeApp("app2", null), single("ch1", "u1"));
		assertThat(spec.sei()).isNull();
	}

	@Test
	void normalizationFillsEncodeDefaultsOfAMixedRelayAndUsesTheFirstUserForTheDestination() {
		RelaySpec spec = SpecPreparation.normalize(new CoreFixtures.FakeApp("app1", APP_SEI),
				mixed("chm", null, "a", "b"));
		assertThat(spec.mixed().encode()).isEqualTo(Encode.defaults());
		assertThat(spec.mixed().users()).extracting(MixedUser::userId).containsExactly("a", "b");
		assertThat(spec.destinations()).containsExactly("rtmp://push.test/live/app1_chm_a_camera");
	}

	@Test
	void normalizationKeepsAnExplicitEncode() {
		Encode audioOnly = new Encode(true, 64, 1, 48000, null, null, null, null, null, null, null, null);
		RelaySpec spec = SpecPreparation.normalize(new CoreFixtures.FakeApp("app1", APP_SEI),
				mixed("chm", audioOnly, "a"));
		assertThat(spec.mixed().encode()).isEqualTo(audioOnly);
	}

	// queries

	@Test
	void getListAndEventsAnswerForTheAppOnly() {
		RelayTask a = this.service.start(APP, "a", single("ch1", "u1"));
		this.service.start(APP, "b", single("ch2", "u1"));
		this.service.start("app2", "a", single("ch1", "u1"));
		assertThat(this.service.get(APP, "a")).isEqualTo(a);
		assertThat(this.service.list(APP, new TaskQuery("ch2", null, null, 10))).extracting(RelayTask::taskId)
			.containsExactly("b");
		assertThat(this.service.events(APP, "a")).hasSize(1);
		assertThatExceptionOfType(RelayTaskNotFound.class).isThrownBy(() -> this.service.get(APP, "zzz"));
		assertThatExceptionOfType(UnknownApp.class)
			.isThrownBy(() -> this.service.list("nope", new TaskQuery(null, null, null, 10)));
		assertThatExceptionOfType(RelayTaskNotFound.class).isThrownBy(() -> this.service.events(APP, "zzz"));
	}

}
