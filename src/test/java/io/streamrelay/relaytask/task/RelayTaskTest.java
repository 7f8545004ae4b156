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

	static final TaskError NEW_ERROR = new TaskError("Throttling", "slow down", "REQ-2", LATER);

	/**
	 * Every guarded transition, the states it accepts and the state it leads to (null:
	 * unchanged).
	 */
	enum Transition {

		RESTART(EnumSet.of(STOPPED, FAILED), STARTING, (t, now) -> t.restart(NEW_SPEC, now)),
		STARTED(EnumSet.of(STARTING), ACTIVE, RelayTask::started),
		START_REJECTED(EnumSet.of(STARTING), FAILED, (t, now) -> t.startRejected(NEW_ERROR, now)),
		BEGIN_UPDATE(EnumSet.of(ACTIVE), UPDATING, (t, now) -> t.beginUpdate(NEW_SPEC, now)),
		UPDATED(EnumSet.of(UPDATING), ACTIVE, RelayTask::updated),
		UPDATE_REJECTED(EnumSet.of(UPDATING), ACTIVE, (t, now) -> t.updateRejected(NEW_ERROR, now)),
		BEGIN_STOP(EnumSet.of(STARTING, ACTIVE, UPDATING, STOPPING), STOPPING, RelayTask::beginStop),
		MARK_STOPPED(EnumSet.of(STOPPING), STOPPED, RelayTask::stopped),
		STOP_REJECTED(EnumSet.of(STOPPING), ACTIVE, (t, now) -> t.stopRejected(ACTIVE, NEW_ERROR, now)),
		OUTCOME_UNKNOWN(EnumSet.of(STARTING, UPDATING, STOPPING), null, (t, now) -> t.outcomeUnknown(NEW_ERROR, now));

		final Set<RelayTaskState> allowed;

		final RelayTaskState target;

		final BiFunction<RelayTask, Instant, RelayTask> move;

		Transition(Set<RelayTaskState> allowed, RelayTaskState target, BiFunction<RelayTask, Instant, RelayTask> move) {
			this.allowed = allowed;
			this.target = target;
			this.move = move;
		}

	}

	static RelayTask inState(RelayTaskState state) {
		return new RelayTask("app1", "task-1", SPEC, state == UPDATING ? NEW_SPEC : null, state, TaskOrigin.API, 7,
				CREATED, CREATED, ERROR);
	}

	static Stream<Arguments> legalTransitions() {
		return Arrays.stream(Transition.values()).flatMap((t) -> t.allowed.stream().map((s) -> Arguments.of(t, s)));
	}

	static Stream<Arguments> illegalTransitions() {
		return Arrays.stream(Transition.values())
			.flatMap((t) -> EnumSet.complementOf(EnumSet.copyOf(t.allowed)).stream().map((s) -> Arguments.of(t, s)));
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("legalTransitions")
	void legalTransitionMovesToItsTargetStateAndIncrementsTheVersion(Transition transition, RelayTaskState from) {
		RelayTask before = inState(from);
		RelayTask after = transition.move.apply(before, LATER);
		assertThat(after.state()).isEqualTo(transition.target == null ? from : transition.target);
		assertThat(after.version()).isEqualTo(8);
		assertThat(after.updatedAt()).isEqualTo(LATER);
		assertThat(after.createdAt()).isEqualTo(CREATED);
		assertThat(after.appId()).isEqualTo("app1");
		assertThat(after.taskId()).isEqualTo("task-1");
	}

	@ParameterizedTest(name = "{0} from {1}")
	@MethodSource("illegalTransitions")
	void illegalTransitionThrowsStateConflictNamingTaskAndState(Transition transition, RelayTaskState from) {
		RelayTask before = inState(from);
		assertThatExceptionOfType(RelayTaskStateConflict.class).isThrownBy(() -> transition.move.apply(before, LATER))
			.satisfies((ex) -> {
				assertThat(ex.taskId()).isEqualTo("task-1");
				assertThat(ex.state()).isEqualTo(from);
				assertThat(ex.getMessage()).contains("task-1").contains(from.name().toLowerCase());
			});
	}

	@Test
	void everyStateHasAtLeastOneIllegalTransition() {
		assertThat(illegalTransitions().map((a) -> a.get()[1]).distinct())
			.containsExactlyInAnyOrder((Object[]) RelayTaskState.values());
	}

	@Test
	void startingTaskIsCreatedByTheApiAtVersionOneWithoutError() {
		RelayTask task = RelayTask.starting("app1", "task-1", SPEC, CREATED);
		assertThat(task.state()).isEqualTo(STARTING);
		assertThat(task.origin()).isEqualTo(TaskOrigin.API);
		assertThat(task.version()).isEqualTo(1);
		assertThat(task.createdAt()).isEqualTo(CREATED);
		assertThat(task.updatedAt()).isEqualTo(CREATED);
		assertThat(task.lastError()).isNull();
		assertThat(task.pendingSpec()).isNull();
		assertThat(task.channelId()).isEqualTo("ch1");
		assertThat(task.mode()).isEqualTo(RelayMode.SINGLE);
	}

	@Test
	void adoptedTaskIsActiveAtVersionOne() {
		RelayTask task = RelayTask.adopted("app1", "task-1", SPEC, CREATED);
		assertThat(task.state()).isEqualTo(ACTIVE);
		assertThat(task.origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(task.version()).isEqualTo(1);
	}

	@Test
	void versionIncrementsOnceAtEveryStepOfALifecycle() {
		RelayTask task = RelayTask.starting("app1", "task-1", SPEC, CREATED);
		task = task.started(LATER);
		assertThat(task.version()).isEqualTo(2);
		task = task.beginUpdate(NEW_SPEC, LATER);
		assertThat(task.version()).isEqualTo(3);
		task = task.updated(LATER);
		assertThat(task.version()).isEqualTo(4);
		task = task.beginStop(LATER);
		assertThat(task.version()).isEqualTo(5);
		task = task.stopped(LATER);
		assertThat(task.version()).isEqualTo(6);
		task = task.restart(SPEC, LATER);
		assertThat(task.version()).isEqualTo(7);
		assertThat(task.state()).isEqualTo(STARTING);
	}

	@Test
	void beginUpdateKeepsTheAcceptedSpecAndHoldsTheNewOneAsPending() {
		RelayTask updating = inState(ACTIVE).beginUpdate(NEW_SPEC, LATER);
		assertThat(updating.spec()).isEqualTo(SPEC);
		assertThat(updating.pendingSpec()).isEqualTo(NEW_SPEC);
	}

	@Test
	void updatedAdoptsThePendingSpecAndClearsPendingAndError() {
		RelayTask updated = inState(ACTIVE).beginUpdate(NEW_SPEC, LATER).updated(LATER);
		assertThat(updated.spec()).isEqualTo(NEW_SPEC);
		assertThat(updated.pendingSpec()).isNull();
		assertThat(updated.lastError()).isNull();
		assertThat(updated.state()).isEqualTo(ACTIVE);
	}

	@Test
	void updateRejectedKeepsTheOldSpecAndRecordsTheError() {
		RelayTask rejected = inState(ACTIVE).beginUpdate(NEW_SPEC, LATER).updateRejected(NEW_ERROR, LATER);
		assertThat(rejected.spec()).isEqualTo(SPEC);
		assertThat(rejected.pendingSpec()).isNull();
		assertThat(rejected.lastError()).isEqualTo(NEW_ERROR);
		assertThat(rejected.state()).isEqualTo(ACTIVE);
	}

	@ParameterizedTest
	@EnumSource(value = RelayTaskState.class, names = { "STARTING", "UPDATING", "STOPPING" })
	void outcomeUnknownKeepsTheTransitionalStateSpecsAndRecordsTheError(RelayTaskState state) {
		RelayTask before = inState(state);
		RelayTask after = before.outcomeUnknown(NEW_ERROR, LATER);
		assertThat(after.state()).isEqualTo(state);
		assertThat(after.spec()).isEqualTo(before.spec());
		assertThat(after.pendingSpec()).isEqualTo(before.pendingSpec());
		assertThat(after.lastError()).isEqualTo(NEW_ERROR);
	}

	@Test
	void startedClearsTheErrorOfAnEarlierUnknownOutcome() {
		RelayTask started = inState(STARTING).outcomeUnknown(NEW_ERROR, LATER).started(LATER);
		assertThat(started.state()).isEqualTo(ACTIVE);
		assertThat(started.lastError()).isNull();
	}

	@Test
	void startRejectedRecordsTheError() {
		RelayTask failed = inState(STARTING).startRejected(NEW_ERROR, LATER);
		assertThat(failed.lastError()).isEqualTo(NEW_ERROR);
		assertThat(failed.spec()).isEqualTo(SPEC);
	}

	@ParameterizedTest
	@EnumSource(value = RelayTaskState.class, names = { "STOPPED", "FAILED" })
	void restartTakesTheNewSpecClearsTheErrorAndReturnsToApiOrigin(RelayTaskState state) {
		RelayTask adopted = new RelayTask("app1", "task-1", SPEC, null, state, TaskOrigin.ADOPTED, 3, CREATED, CREATED,
				ERROR);
		RelayTask restarted = adopted.restart(NEW_SPEC, LATER);
		assertThat(restarted.spec()).isEqualTo(NEW_SPEC);
		assertThat(restarted.lastError()).isNull();
		assertThat(restarted.origin()).isEqualTo(TaskOrigin.API);
		assertThat(restarted.createdAt()).isEqualTo(CREATED);
		assertThat(restarted.version()).isEqualTo(4);
	}

	@Test
	void beginStopKeepsTheLastErrorAndStoppedClearsIt() {
		RelayTask stopping = inState(ACTIVE).beginStop(LATER);
		assertThat(stopping.lastError()).isEqualTo(ERROR);
		assertThat(stopping.stopped(LATER).lastError()).isNull();
	}

	@Test
	void stopRejectedReturnsToActiveWithTheError() {
		RelayTask active = inState(STOPPING).stopRejected(ACTIVE, NEW_ERROR, LATER);
		assertThat(active.state()).isEqualTo(ACTIVE);
		assertThat(active.lastError()).isEqualTo(NEW_ERROR);
		assertThat(active.spec()).isEqualTo(SPEC);
	}

	@Test
	void aRefusedStopOfAnUpdatingTaskReturnsToTheUpdateWithItsPendingSpec() {
		RelayTask updating = inState(ACTIVE).beginUpdate(NEW_SPEC, LATER);
		RelayTask back = updating.beginStop(LATER).stopRejected(UPDATING, NEW_ERROR, LATER);
		assertThat(back.state()).isEqualTo(UPDATING);
		assertThat(back.pendingSpec()).isEqualTo(NEW_SPEC);
		assertThatExceptionOfType(RelayTaskStateConflict.class)
			.isThrownBy(() -> inState(STOPPING).stopRejected(STOPPED, NEW_ERROR, LATER));
	}

	@Test
	void theVendorCanEndATaskInAnyRunningStateButNotAStoppedOne() {
		for (RelayTaskState state : EnumSet.of(STARTING, ACTIVE, UPDATING, STOPPING)) {
			RelayTask stopped = inState(state).stoppedByVendor(LATER);
			assertThat(stopped.state()).isEqualTo(STOPPED);
			assertThat(stopped.pendingSpec()).isNull();
		}
		assertThatExceptionOfType(RelayTaskStateConflict.class)
			.isThrownBy(() -> inState(STOPPED).stoppedByVendor(LATER));
	}

	@Test
	void aStoppedIdCanBeAdoptedAgainButNotARunningOne() {
		RelayTask readopted = inState(STOPPED).readopted(NEW_SPEC, LATER);
		assertThat(readopted.state()).isEqualTo(ACTIVE);
		assertThat(readopted.origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(readopted.spec()).isEqualTo(NEW_SPEC);
		assertThatExceptionOfType(RelayTaskStateConflict.class)
			.isThrownBy(() -> inState(ACTIVE).readopted(NEW_SPEC, LATER));
	}

	@Test
	void originSurvivesTransitions() {
		RelayTask adopted = RelayTask.adopted("app1", "task-1", SPEC, CREATED);
		assertThat(adopted.beginStop(LATER).stopped(LATER).origin()).isEqualTo(TaskOrigin.ADOPTED);
	}

}
