package io.streamrelay.relaytask.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaytask.events.EventRules.Apply;
import io.streamrelay.relaytask.events.EventRules.Decision;
import io.streamrelay.relaytask.events.EventRules.Note;
import io.streamrelay.relaytask.events.EventRules.Unmatched;
import io.streamrelay.relaytask.events.EventRules.Wait;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which source wins, without Spring: what a vendor event does to its task. */
class EventRulesTest {

	static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

	static final RelaySpec SPEC = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null,
			List.of("rtmp://push.example.com/live/s1"), null, null, null);

	static RelayTask active(Instant startedAt) {
		return RelayTask.starting("app1", "t1", SPEC, startedAt).started("REQ", startedAt).after();
	}

	static VendorEvent event(int type, int code, int error, Instant at) {
		return new VendorEvent("m-" + type + code + error + at.toEpochMilli(), "app1", "Sub-1", "t1", type, code, error,
				error == 0 ? "" : "unreachable", "rtmp://push.example.com/live/s1", at, at, at,
				VendorEvent.Source.CALLBACK, "{}");
	}

	static Decision decide(RelayTask task, Instant runStartedAt, VendorEvent event) {
		return EventRules.decide(Optional.of(task), runStartedAt, event, event.eventAt().plusSeconds(1));
	}

	@Test
	void aVendorSideEndOfTheCurrentRunStopsTheTaskWithTheVendorsCodes() {
		RelayTask task = active(T0);
		Decision decision = decide(task, T0, event(1, 2, 0, T0.plusSeconds(60)));

		assertThat(decision).isInstanceOf(Apply.class);
		RelayTaskEvent entry = ((Apply) decision).transition().event();
		assertThat(((Apply) decision).transition().after().state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(entry.action()).isEqualTo(Action.EVENT);
		assertThat(entry.errorCode()).isEqualTo("Event1.2");
	}

	@Test
	void anEndOlderThanTheCurrentRunIsOnlyNotedSoARestartIsNotStoppedByTheOldRunsEnd() {
		Instant restartedAt = T0.plusSeconds(300);
		RelayTask task = active(restartedAt);
		Decision decision = decide(task, restartedAt, event(1, 2, 0, T0.plusSeconds(200)));

		assertThat(decision).isInstanceOf(Note.class);
		assertThat(((Note) decision).entry().state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(((Note) decision).entry().detail()).startsWith("stale end");
	}

	@Test
	void anEventForATaskWithACallInFlightWaitsForThatCall() {
		RelayTask stopping = active(T0).beginStop(T0.plusSeconds(10));

		assertThat(decide(stopping, T0, event(1, 2, 0, T0.plusSeconds(11)))).isInstanceOf(Wait.class);
	}

	@Test
	void anEndSettlesAStartOfUnknownOutcomeAsStopped() {
		RelayTask unknown = RelayTask.starting("app1", "t1", SPEC, T0)
			.startFailed(new UpstreamFailure.TimedOut("Timeout", "no answer"), T0.plusSeconds(5))
			.after();

		Decision decision = decide(unknown, T0, event(1, 2, 0, T0.plusSeconds(20)));

		assertThat(((Apply) decision).transition().after().state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(((Apply) decision).transition().after().outcomeUnknown()).isFalse();
	}

	@Test
	void anEndForAnAlreadyStoppedTaskChangesNothing() {
		RelayTask stopped = active(T0).beginStop(T0.plusSeconds(10))
			.stopped(Action.STOP, "REQ-2", T0.plusSeconds(11))
			.after();

		Decision decision = decide(stopped, T0, event(1, 2, 0, T0.plusSeconds(12)));

		assertThat(decision).isInstanceOf(EventRules.Confirm.class);
		assertThat(((EventRules.Confirm) decision).note()).contains("already stopped");
	}

	@Test
	void aRelayErrorSetsLastErrorAndKeepsTheTaskAsItIs() {
		Decision decision = decide(active(T0), T0, event(1, 3, 1001, T0.plusSeconds(30)));

		RelayTask after = ((Apply) decision).transition().after();
		assertThat(after.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(after.lastError().code()).isEqualTo("Event1.3/Error1001");
		assertThat(after.lastError().message()).contains("rtmp://push.example.com/live/s1").contains("unreachable");
	}

	@Test
	void aStartEventOnlyConfirmsTheHistory() {
		assertThat(decide(active(T0), T0, event(1, 1, 0, T0.plusSeconds(1)))).isInstanceOf(EventRules.Confirm.class);
	}

	@Test
	void anUnknownEventTypeIsRecordedOnly() {
		Decision decision = decide(active(T0), T0, event(7, 9, 0, T0.plusSeconds(30)));

		assertThat(decision).isInstanceOf(Note.class);
		assertThat(((Note) decision).entry().detail()).contains("type 7 code 9");
	}

	@Test
	void anEventForNoKnownTaskIsUnmatched() {
		assertThat(EventRules.decide(Optional.empty(), Instant.MIN, event(1, 2, 0, T0), T0))
			.isInstanceOf(Unmatched.class);
	}

	@Test
	void theRunStartsAtTheLatestStartOrAdoption() {
		RelayTask task = active(T0);
		Instant later = T0.plusSeconds(500);
		List<RelayTaskEvent> history = List.of(
				new RelayTaskEvent("app1", "t1", T0, Action.START, RelayTaskEvent.Outcome.SUCCEEDED, "R1", null, null,
						RelayTaskState.ACTIVE),
				new RelayTaskEvent("app1", "t1", later, Action.START, RelayTaskEvent.Outcome.SUCCEEDED, "R2", null,
						null, RelayTaskState.ACTIVE),
				new RelayTaskEvent("app1", "t1", later.plusSeconds(9), Action.UPDATE, RelayTaskEvent.Outcome.SUCCEEDED,
						"R3", null, null, RelayTaskState.ACTIVE));

		assertThat(EventRules.runStartedAt(task, history)).isEqualTo(later);
	}

	@Test
	void eventKindsFollowTheServicesReadingOfTheCodes() {
		assertThat(EventKind.of(1, 1, 0)).isEqualTo(EventKind.STARTED);
		assertThat(EventKind.of(1, 2, 0)).isEqualTo(EventKind.ENDED);
		assertThat(EventKind.of(1, 1, 5)).isEqualTo(EventKind.RELAY_ERROR);
		assertThat(EventKind.of(2, 1, 0)).isEqualTo(EventKind.UNKNOWN);
	}

}
