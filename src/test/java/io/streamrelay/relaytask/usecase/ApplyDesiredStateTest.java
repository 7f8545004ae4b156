package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.streamrelay.relaytask.spec.ImmutableFieldChange;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.usecase.ApplyDesiredState.Effect;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.RecordingGateway.Call;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static io.streamrelay.relaytask.usecase.CoreFixtures.APP;
import static io.streamrelay.relaytask.usecase.CoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PUT's desired-state rules without Spring: start when absent or ended, one update of a
 * different spec, nothing for the same spec, immutable fields refused, convergence under
 * retries and vendor failures.
 */
class ApplyDesiredStateTest {

	private final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	private final RecordingGateway gateway = new RecordingGateway();

	private final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final ApplyDesiredState desired = new ApplyDesiredState(this.tasks, new CoreFixtures.FakeApps(),
			this.service);

	private static final RelaySpec SINGLE = CoreFixtures.single("ch1", "u1");

	private static final RelaySpec MIXED = CoreFixtures.mixed("ch1", null, "u1", "u2");

	@Test
	void startsAnAbsentTaskThenSendsNothingForTheSameSpec() {
		assertThat(put("t1", SINGLE).effect()).isEqualTo(Effect.STARTED);
		assertThat(put("t1", SINGLE).effect()).isEqualTo(Effect.UNCHANGED);
		assertThat(put("t1", SINGLE).effect()).isEqualTo(Effect.UNCHANGED);

		assertThat(this.gateway.calls()).extracting(Call::action).containsExactly("start");
	}

	@Test
	void sendsOneUpdateForAnotherSpec() {
		put("t1", SINGLE);

		ApplyDesiredState.Applied applied = put("t1", MIXED);

		assertThat(applied.effect()).isEqualTo(Effect.UPDATED);
		assertThat(applied.task().spec().mixed().users()).hasSize(2);
		assertThat(this.gateway.calls()).extracting(Call::action).containsExactly("start", "update");
		assertThat(put("t1", MIXED).effect()).isEqualTo(Effect.UNCHANGED);
		assertThat(this.gateway.calls()).hasSize(2);
	}

	@Test
	void aSpecThatChangesOnlyMaxDurationSecondsIsRecordedWithNoVendorCall() {
		put("t1", SINGLE);

		ApplyDesiredState.Applied applied = put("t1", SINGLE.withMaxDurationSeconds(3600));

		assertThat(applied.effect()).isEqualTo(Effect.RECORDED);
		assertThat(applied.task().spec().maxDurationSeconds()).isEqualTo(3600);
		assertThat(put("t1", SINGLE.withMaxDurationSeconds(3600)).effect()).isEqualTo(Effect.UNCHANGED);
		assertThat(put("t1", MIXED.withMaxDurationSeconds(600)).effect()).isEqualTo(Effect.UPDATED);
		assertThat(this.gateway.calls()).extracting(Call::action).containsExactly("start", "update");
	}

	@Test
	void startsAStoppedTaskAgain() {
		RelayTask task = put("t1", SINGLE).task();
		this.service.stop(task);

		assertThat(put("t1", MIXED).effect()).isEqualTo(Effect.STARTED);
		assertThat(this.gateway.calls()).extracting(Call::action).containsExactly("start", "stop", "start");
	}

	@Test
	void refusesAChangeOfAFieldTheUpdateDoesNotTakeNamingIt() {
		put("t1", SINGLE);
		RelaySpec idle = new RelaySpec("ch1", SINGLE.mode(), SINGLE.single(), null, null, null, 60, null);
		RelaySpec region = new RelaySpec("ch1", SINGLE.mode(), SINGLE.single(), null, null, null, null, "AP-Singapore");
		RelaySpec channel = CoreFixtures.single("ch2", "u1");

		assertThatThrownBy(() -> put("t1", idle)).isInstanceOfSatisfying(ImmutableFieldChange.class,
				(ex) -> assertThat(ex.field()).isEqualTo("maxIdleSeconds"));
		assertThatThrownBy(() -> put("t1", region)).isInstanceOfSatisfying(ImmutableFieldChange.class,
				(ex) -> assertThat(ex.field()).isEqualTo("region"));
		assertThatThrownBy(() -> put("t1", channel)).isInstanceOfSatisfying(ImmutableFieldChange.class,
				(ex) -> assertThat(ex.getMessage()).contains("channelId", "Stop the task first"));
		assertThat(this.gateway.calls()).hasSize(1);
	}

	@Test
	void aRetryAfterAStartOfUnknownOutcomeSendsNoSecondStart() {
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));
		assertThatThrownBy(() -> put("t1", SINGLE)).isInstanceOf(UpstreamFailure.TimedOut.class);
		this.gateway.failWith(null);

		assertThat(put("t1", SINGLE).effect()).isEqualTo(Effect.UNCHANGED);
		assertThat(this.gateway.calls()).extracting(Call::action).containsExactly("start");
		assertThatThrownBy(() -> put("t1", MIXED)).isInstanceOf(RelayTaskStateConflict.class);
	}

	/**
	 * Property: whatever sequence of PUTs (retries of the same desired spec, changes of
	 * mind, vendor refusals and unknown outcomes) a backend sends, a start reaches the
	 * vendor only when the task was not running, and once one PUT succeeds the task runs
	 * its spec and repeating that PUT sends nothing. Seeded; prints its seed.
	 */
	@Test
	void convergesWhateverItRetries() {
		long seed = Long.getLong("put.seed", System.nanoTime());
		System.out.println("[put-convergence] seed " + seed + " (replay with -Dput.seed=" + seed + ")");
		Random random = new Random(seed);
		// the last differs from the first in maxDurationSeconds alone: a change recorded
		// with no vendor call
		List<RelaySpec> choices = List.of(SINGLE, MIXED, CoreFixtures.single("ch1", "u3"),
				SINGLE.withMaxDurationSeconds(3600));
		for (int round = 0; round < 300; round++) {
			RelaySpec want = choices.get(random.nextInt(choices.size()));
			int failure = random.nextInt(6);
			this.gateway.failWith(switch (failure) {
				case 0 -> () -> new UpstreamFailure.Rejected("InvalidParam", "refused", "R", 400);
				case 1 -> () -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer");
				default -> null;
			});
			Optional<RelayTask> before = this.tasks.find(APP, "t1");
			int callsBefore = this.gateway.calls().size();
			try {
				put("t1", want);
			}
			catch (UpstreamFailure | RelayTaskStateConflict expected) {
				// a refusal, an unknown outcome, or a call in doubt: retried below
			}
			List<Call> sent = this.gateway.calls().subList(callsBefore, this.gateway.calls().size());
			if (sent.stream().anyMatch((c) -> c.action().equals("start"))) {
				assertThat(before.map((t) -> t.state().mayBeRunning()).orElse(false))
					.as("seed %d round %d: a start was sent for a task that may run", seed, round)
					.isFalse();
			}
			settleIfInDoubt(random);
		}
		this.gateway.failWith(null);
		settleIfInDoubt(random);
		RelaySpec last = choices.get(random.nextInt(choices.size()));
		put("t1", last);
		int calls = this.gateway.calls().size();
		assertThat(put("t1", last).effect()).as("seed %d", seed).isEqualTo(Effect.UNCHANGED);
		assertThat(this.gateway.calls()).as("seed %d", seed).hasSize(calls);
		assertThat(this.tasks.find(APP, "t1").orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
	}

	/** What a backend does after an unknown outcome: sometimes DELETE to settle it. */
	private void settleIfInDoubt(Random random) {
		RelayTask task = this.tasks.find(APP, "t1").orElse(null);
		if (task != null && task.outcomeUnknown() && random.nextBoolean()) {
			RecordingGateway quiet = this.gateway;
			quiet.failWith(null);
			this.service.stop(task);
		}
	}

	private ApplyDesiredState.Applied put(String taskId, RelaySpec spec) {
		return this.desired.apply(APP, taskId, spec, (current) -> {
		});
	}

}
