package io.streamrelay.relaytask.task;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.StreamType;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.streamrelay.relaytask.task.RelayTaskState.ACTIVE;
import static io.streamrelay.relaytask.task.RelayTaskState.FAILED;
import static io.streamrelay.relaytask.task.RelayTaskState.STARTING;
import static io.streamrelay.relaytask.task.RelayTaskState.STOPPED;
import static io.streamrelay.relaytask.task.RelayTaskState.STOPPING;
import static io.streamrelay.relaytask.task.RelayTaskState.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RelayTaskTest {

	static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");

	static final Instant LATER = Instant.parse("2024-05-01T10:05:00Z");

	static final RelaySpec SPEC = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null,
			List.of("rtmp://push.example.com/live/a_ch1_u1_camera"), null, null, null);

	static final RelaySpec NEW_SPEC = new RelaySpec("ch1", RelayMode.SINGLE,
			new SingleSource("u1", StreamType.AUDIO, null), null, List.of("rtmp://push.example.com/live/other"), null,
			null, null);

	static final TaskError ERROR = new TaskError("InvalidParameter", "refused", "REQ-1", CREATED);

	static final UpstreamFailure REJECTED = new UpstreamFailure.Rejected("InvalidParam", "refused", "REQ-2", 400);

	static final UpstreamFailure TIMED_OUT = new UpstreamFailure.TimedOut("ReadTimeout", "no answer");

	static final UpstreamFailure THROTTLED = new UpstreamFailure.Throttled("Throttling.User", "slow down", "REQ-3");

	/**
	 * Every guarded transition, the states it accepts and the state it leads to (null:
	 * unchanged). Transitional tasks are built with an unknown outcome, so that a stop is
	 * allowed from them.
	 */
	enum Step {

		RESTART(EnumSet.of(STOPPED, FAILED), STARTING, (t, now) -> t.restart(NEW_SPEC, now)),
		STARTED(EnumSet.of(STARTING), ACTIVE, (t, now) -> t.started("REQ", now)),
		START_REFUSED(EnumSet.of(STARTING), FAILED, (t, now) -> t.startFailed(REJECTED, now)),
		START_UNKNOWN(EnumSet.of(STARTING), null, (t, now) -> t.startFailed(TIMED_OUT, now)),
		BEGIN_UPDATE(EnumSet.of(ACTIVE), UPDATING, (t, now) -> t.beginUpdate(NEW_SPEC, now)),
		UPDATED(EnumSet.of(UPDATING), ACTIVE, (t, now) -> t.updated(Action.UPDATE, "REQ", now)),
		UPDATE_REFUSED(EnumSet.of(UPDATING), ACTIVE, (t, now) -> t.updateFailed(Action.UPDATE, REJECTED, now)),
		UPDATE_UNKNOWN(EnumSet.of(UPDATING), null, (t, now) -> t.updateFailed(Action.UPDATE, TIMED_OUT, now)),
		BEGIN_STOP(EnumSet.of(STARTING, ACTIVE, UPDATING, STOPPING), STOPPING, RelayTask::beginStop),
		STOPPED_OK(EnumSet.of(STOPPING), STOPPED, (t, now) -> t.stopped(Action.STOP, "REQ", now)),
		STOP_REFUSED(EnumSet.of(STOPPING), ACTIVE, (t, now) -> t.stopFailed(inState(ACTIVE), REJECTED, now)),
		STOP_UNKNOWN(EnumSet.of(STOPPING), null, (t, now) -> t.stopFailed(inState(ACTIVE), TIMED_OUT, now)),
		STOP_REFUSED_NOT_RUNNING(EnumSet.of(STOPPING), STOPPED,
				(t, now) -> t.stopRefusedAsNotRunning(Action.STOP, REJECTED, now)),
		READOPTED(EnumSet.of(STOPPED, FAILED), ACTIVE, (t, now) -> t.readopted(NEW_SPEC, now)),
		START_OBSERVED(EnumSet.of(STARTING), ACTIVE, RelayTask::startObserved),
		START_NOT_OBSERVED(EnumSet.of(STARTING), FAILED, RelayTask::startNotObserved), STOPPED_BY_VENDOR(
				EnumSet.of(STARTING, ACTIVE, UPDATING, STOPPING), STOPPED, (t, now) -> t.stoppedByVendor("gone", now));

		final Set<RelayTaskState> allowed;

		final RelayTaskState target;

		final BiFunction<RelayTask, Instant, Object> move;

		Step(Set<RelayTaskState> allowed, RelayTaskState target, BiFunction<RelayTask, Instant, Object> move) {
			this.allowed = allowed;
			this.target = target;
			this.move = move;
		}

	}

	static RelayTask inState(RelayTaskState state) {
		return new RelayTask("app1", "task-1", SPEC, state == UPDATING ? NEW_SPEC : null, state, TaskOrigin.API, 7,
				CREATED, CREATED, ERROR, state.isTransitional());
	}

	static RelayTask after(Object result) {
		return result instanceof Transition transition ? transition.after() : (RelayTask) result;
	}

	static Stream<Arguments> legalSteps() {
		return Arrays.stream(Step.values()).flatMap((t) -> t.allowed.stream().map((s) -> Arguments.of(t, s)));
	}

	static Stream<Arguments> illegalSteps() {
		return Arrays.stream(Step.values())
			.flatMap((t) -> EnumSet.complementOf(EnumSet.copyOf(t.allowed)).stream().map((s) -> Arguments.of(t, s)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("legalSteps")
	void legalStepMovesToItsTargetStateAndIncrementsTheVersion(Step step, RelayTaskState from) {
		RelayTask after = after(step.move.apply(inState(from), LATER));
		assertThat(after.state()).isEqualTo(step.target == null ? from : step.target);
		assertThat(after.version()).isEqualTo(8);
		assertThat(after.updatedAt()).isEqualTo(LATER);
		assertThat(after.createdAt()).isEqualTo(CREATED);
		assertThat(after.taskId()).isEqualTo("task-1");
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("legalSteps")
	void everySettledStepRecordsItsOwnHistoryEntryWithTheStateItLeftTheTaskIn(Step step, RelayTaskState from) {
		Object result = step.move.apply(inState(from), LATER);
		if (!(result instanceof Transition transition)) {
			// an intent: the vendor call is in flight, the outcome writes the history
			assertThat(step).isIn(Step.RESTART, Step.BEGIN_UPDATE, Step.BEGIN_STOP);
			assertThat(after(result).callInFlight()).isTrue();
			return;
		}
		RelayTaskEvent event = transition.event();
		assertThat(event.state()).isEqualTo(transition.after().state());
		assertThat(event.at()).isEqualTo(LATER);
		assertThat(event.taskId()).isEqualTo("task-1");
		assertThat(transition.before().version()).isEqualTo(7);
		// an observation is never presented as a call the vendor accepted or refused
		if (event.action() == Action.RECONCILE && event.upstreamRequestId() == null) {
			assertThat(event.outcome()).isIn(Outcome.OBSERVED, Outcome.UNKNOWN, Outcome.NOT_SENT);
		}
		if ("StoppedByVendor".equals(event.errorCode()) || "NotRunning".equals(event.errorCode())) {
			assertThat(event.outcome()).isEqualTo(Outcome.OBSERVED);
		}
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("illegalSteps")
	void illegalStepThrowsStateConflictNamingTaskAndState(Step step, RelayTaskState from) {
		RelayTask before = inState(from);
		assertThatExceptionOfType(RelayTaskStateConflict.class).isThrownBy(() -> step.move.apply(before, LATER))
			.satisfies((ex) -> {
				assertThat(ex.taskId()).isEqualTo("task-1");
				assertThat(ex.state()).isEqualTo(from);
				assertThat(ex.getMessage()).contains("task-1").contains(from.name().toLowerCase());
			});
	}

	@ParameterizedTest
	@EnumSource(value = RelayTaskState.class, names = { "STARTING", "UPDATING", "STOPPING" })
	void aStopIsRefusedWhileACallIsInFlightEvenWhenAnEarlierCallFailed(RelayTaskState state) {
		// the earlier failure is still shown as lastError: it must not pass for "outcome
		// unknown"
		RelayTask inFlight = new RelayTask("app1", "task-1", SPEC, state == UPDATING ? NEW_SPEC : null, state,
				TaskOrigin.API, 7, CREATED, CREATED, ERROR, false);
		assertThat(inFlight.callInFlight()).isTrue();
		assertThatExceptionOfType(RelayTaskStateConflict.class).isThrownBy(() -> inFlight.beginStop(LATER));
	}

	@Test
	void beginUpdateAndBeginStopStartACallInFlight() {
		RelayTask updating = inState(ACTIVE).beginUpdate(NEW_SPEC, LATER);
		assertThat(updating.callInFlight()).isTrue();
		RelayTask unknown = updating.updateFailed(Action.UPDATE, TIMED_OUT, LATER).after();
		assertThat(unknown.outcomeUnknown()).isTrue();
		assertThat(unknown.callInFlight()).isFalse();
		RelayTask stopping = unknown.beginStop(LATER);
		assertThat(stopping.callInFlight()).isTrue();
		assertThat(stopping.pendingSpec()).isEqualTo(NEW_SPEC);
	}

	@Test
	void anUnknownOutcomeIsOnlyPossibleInATransitionalState() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new RelayTask("app1", "task-1", SPEC,
				null, ACTIVE, TaskOrigin.API, 1, CREATED, CREATED, null, true));
	}

	@Test
	void aRetriedStopOfAStopOfUnknownOutcomeStaysStoppingWhateverTheVendorAnswers() {
		RelayTask unknownStop = inState(STOPPING);
		for (UpstreamFailure failure : List.of(REJECTED, THROTTLED, TIMED_OUT)) {
			RelayTask retry = unknownStop.beginStop(LATER);
			Transition failed = retry.stopFailed(unknownStop, failure, LATER);
			assertThat(failed.after().state()).isEqualTo(STOPPING);
			assertThat(failed.after().outcomeUnknown()).isTrue();
			assertThat(failed.event().action()).isEqualTo(Action.STOP);
			assertThat(failed.event().errorCode()).isEqualTo(failure.code());
		}
	}

	@Test
	void aRefusedStopReturnsExactlyWhereTheTaskWas() {
		RelayTask unknownUpdate = inState(UPDATING);
		Transition throttled = unknownUpdate.beginStop(LATER).stopFailed(unknownUpdate, THROTTLED, LATER);
		assertThat(throttled.after().state()).isEqualTo(UPDATING);
		assertThat(throttled.after().pendingSpec()).isEqualTo(NEW_SPEC);
		assertThat(throttled.after().outcomeUnknown()).isTrue();
		// a refusal may be the vendor not yet running what the pending call does: the
		// stop is left to the reconciler
		Transition refused = unknownUpdate.beginStop(LATER).stopFailed(unknownUpdate, REJECTED, LATER);
		assertThat(refused.after().state()).isEqualTo(STOPPING);
		assertThat(refused.after().outcomeUnknown()).isTrue();
		assertThat(refused.event().outcome()).isEqualTo(Outcome.REJECTED);
		Transition notSent = inState(ACTIVE).beginStop(LATER).stopFailed(inState(ACTIVE), THROTTLED, LATER);
		assertThat(notSent.after().state()).isEqualTo(ACTIVE);
		assertThat(notSent.after().lastError().code()).isEqualTo("Throttling.User");
		assertThat(notSent.event().outcome()).isEqualTo(Outcome.REJECTED);
	}

	@Test
	void aKnownFailureSettlesAndAnUnknownOneKeepsTheSpecsForTheReconciler() {
		RelayTask updating = inState(ACTIVE).beginUpdate(NEW_SPEC, LATER);
		Transition refused = updating.updateFailed(Action.UPDATE, REJECTED, LATER);
		assertThat(refused.after().spec()).isEqualTo(SPEC);
		assertThat(refused.after().pendingSpec()).isNull();
		assertThat(refused.after().lastError().code()).isEqualTo("InvalidParam");
		Transition unknown = updating.updateFailed(Action.UPDATE, TIMED_OUT, LATER);
		assertThat(unknown.after().pendingSpec()).isEqualTo(NEW_SPEC);
		assertThat(unknown.event().outcome()).isEqualTo(Outcome.UNKNOWN);
		Transition accepted = updating.updated(Action.UPDATE, "REQ-9", LATER);
		assertThat(accepted.after().spec()).isEqualTo(NEW_SPEC);
		assertThat(accepted.after().lastError()).isNull();
		assertThat(accepted.event().upstreamRequestId()).isEqualTo("REQ-9");
	}

	@Test
	void aRepeatedStopOfAnEndedTaskIsANoCallEntryThatKeepsTheState() {
		RelayTaskEvent event = inState(STOPPED).alreadyEnded(LATER);
		assertThat(event.outcome()).isEqualTo(Outcome.NO_CALL);
		assertThat(event.state()).isEqualTo(STOPPED);
		assertThatExceptionOfType(RelayTaskStateConflict.class).isThrownBy(() -> inState(ACTIVE).alreadyEnded(LATER));
	}

	@Test
	void startingAndAdoptedTasksStartAtVersionOne() {
		RelayTask starting = RelayTask.starting("app1", "task-1", SPEC, CREATED);
		assertThat(starting.state()).isEqualTo(STARTING);
		assertThat(starting.callInFlight()).isTrue();
		assertThat(starting.version()).isEqualTo(1);
		Transition adopted = RelayTask.adopted("app1", "task-1", SPEC, CREATED);
		assertThat(adopted.after().origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(adopted.event().action()).isEqualTo(Action.ADOPT);
		assertThat(adopted.event().state()).isEqualTo(ACTIVE);
	}

	@Test
	void aNotAppliedOutcomeKeepsTheCallButClaimsNoState() {
		RelayTaskEvent event = inState(STARTING).started("REQ", LATER).event().notApplied();
		assertThat(event.state()).isNull();
		assertThat(event.upstreamRequestId()).isEqualTo("REQ");
		assertThat(event.detail()).contains("not applied");
	}

}
