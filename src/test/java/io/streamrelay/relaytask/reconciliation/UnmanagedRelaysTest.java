package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Action;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Entry;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Outcome;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.usecase.CoreFixtures;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The unmanaged-relay policy decisions, without Spring. */
class UnmanagedRelaysTest {

	final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	final RecordingGateway gateway = new RecordingGateway();

	final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			Clock.systemUTC());

	UnmanagedRelays relays(Map<String, UnmanagedPolicy> policies) {
		return new UnmanagedRelays(this.tasks, this.gateway, policies);
	}

	void vendorRunsAForeignAndAManagedTask() {
		this.service.start("app1", "mine", CoreFixtures.single("c", "u1"));
		this.gateway.lists(new UpstreamTaskView("app1", "mine", "c", RelayMode.SINGLE));
		this.gateway.lists(new UpstreamTaskView("app1", "foreign", "c2", RelayMode.SINGLE));
		this.gateway.lists(new UpstreamTaskView("app2", "foreign-of-app2", "c3", RelayMode.SINGLE));
	}

	long stops() {
		return this.gateway.calls().stream().filter((call) -> call.action().equals("stop")).count();
	}

	@Test
	void onlyTheAppsTasksWithoutARecordHereAreUnmanaged() {
		vendorRunsAForeignAndAManagedTask();

		assertThat(relays(Map.of()).find("app1")).extracting(UpstreamTaskView::taskId).containsExactly("foreign");
	}

	@Test
	void reportIsTheDefaultAndSendsNoStop() {
		vendorRunsAForeignAndAManagedTask();
		UnmanagedRelays relays = relays(Map.of());

		UnmanagedRelays.Pass pass = relays.apply("app1");

		assertThat(relays.policy("app1")).isEqualTo(UnmanagedPolicy.REPORT);
		assertThat(pass.found()).hasSize(1);
		assertThat(pass.stopped()).isZero();
		assertThat(stops()).isZero();
	}

	@Test
	void stopSendsOneStopPerUnmanagedRelayAndNoneForManagedTasks() {
		vendorRunsAForeignAndAManagedTask();

		UnmanagedRelays.Pass pass = relays(Map.of("app1", UnmanagedPolicy.STOP)).apply("app1");

		assertThat(pass.stopped()).isEqualTo(1);
		assertThat(this.gateway.calls()).filteredOn((call) -> call.action().equals("stop"))
			.extracting(RecordingGateway.Call::taskId)
			.containsExactly("foreign");
	}

	@Test
	void aFailedStopIsNotCountedAndTheNextPassTriesAgain() {
		vendorRunsAForeignAndAManagedTask();
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));

		UnmanagedRelays.Pass pass = relays(Map.of("app1", UnmanagedPolicy.STOP)).apply("app1");

		assertThat(pass.found()).hasSize(1);
		assertThat(pass.stopped()).isZero();
	}

	static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

	final MemoryHistory history = new MemoryHistory();

	UnmanagedRelays withHistory(UnmanagedPolicy policy) {
		return new UnmanagedRelays(this.tasks, this.gateway, Map.of("app1", policy), this.history,
				Clock.fixed(T0, ZoneOffset.UTC));
	}

	@Test
	void reportWritesOneEntryPerRelayWhenFirstSeenNotOnEveryPass() {
		vendorRunsAForeignAndAManagedTask();
		UnmanagedRelays relays = withHistory(UnmanagedPolicy.REPORT);

		relays.apply("app1");
		relays.apply("app1");
		relays.apply("app1");

		assertThat(this.history.entries).singleElement().satisfies((entry) -> {
			assertThat(entry.taskId()).isEqualTo("foreign");
			assertThat(entry.channelId()).isEqualTo("c2");
			assertThat(entry.action()).isEqualTo(Action.REPORTED);
			assertThat(entry.outcome()).isEqualTo(Outcome.NOTED);
			assertThat(entry.policy()).isEqualTo(UnmanagedPolicy.REPORT);
			assertThat(entry.at()).isEqualTo(T0);
		});
	}

	@Test
	void adoptCreatesAnActiveAdoptedTaskFromTheListWithNoVendorCallAndInventsNothing() {
		vendorRunsAForeignAndAManagedTask();

		UnmanagedRelays.Pass pass = withHistory(UnmanagedPolicy.ADOPT).apply("app1");

		assertThat(pass.adopted()).isEqualTo(1);
		assertThat(pass.remaining()).isZero();
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::action)
			.as("one start of the managed task, then the list read: no vendor call for the adoption")
			.containsExactly("start", "list");
		RelayTask adopted = this.tasks.find("app1", "foreign").orElseThrow();
		assertThat(adopted.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(adopted.origin()).isEqualTo(TaskOrigin.ADOPTED);
		assertThat(adopted.channelId()).isEqualTo("c2");
		assertThat(adopted.mode()).isEqualTo(RelayMode.SINGLE);
		assertThat(adopted.spec().single()).as("the user is not told by the list: not guessed").isNull();
		assertThat(adopted.spec().destinations()).isEmpty();
		assertThat(this.tasks.runningSince("app1", "foreign")).contains(T0);
		RelayTaskEvent event = this.tasks.lastEvent("app1", "foreign").orElseThrow();
		assertThat(event.action()).isEqualTo(RelayTaskEvent.Action.ADOPT);
		assertThat(event.detail()).contains("orphan guard");
		assertThat(this.history.entries).extracting(Entry::action).containsExactly(Action.REPORTED, Action.ADOPTED);
		assertThat(withHistory(UnmanagedPolicy.ADOPT).find("app1")).as("known from now on").isEmpty();
	}

	@Test
	void anAdoptedRelayIsStoppedThroughTheUsualStop() {
		vendorRunsAForeignAndAManagedTask();
		withHistory(UnmanagedPolicy.ADOPT).apply("app1");

		assertThat(this.service.stop("app1", "foreign").state()).isEqualTo(RelayTaskState.STOPPED);
		assertThat(this.gateway.calls()).filteredOn((call) -> call.action().equals("stop"))
			.extracting(RecordingGateway.Call::taskId)
			.containsExactly("foreign");
	}

	@Test
	void stopRecordsTheOutcomeOfEachAttemptAndReportsARelaySeenAgainAfterASuccessfulStop() {
		vendorRunsAForeignAndAManagedTask();
		this.gateway.failWith(() -> new UpstreamFailure.TimedOut("SDK.ReadTimeout", "no answer"));
		UnmanagedRelays relays = withHistory(UnmanagedPolicy.STOP);

		relays.apply("app1");
		this.gateway.failWith(null);
		relays.apply("app1");
		relays.apply("app1");

		assertThat(this.history.entries).extracting(Entry::action, Entry::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Action.REPORTED, Outcome.NOTED),
					org.assertj.core.groups.Tuple.tuple(Action.STOPPED, Outcome.FAILED),
					org.assertj.core.groups.Tuple.tuple(Action.STOPPED, Outcome.SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple(Action.REPORTED, Outcome.NOTED),
					org.assertj.core.groups.Tuple.tuple(Action.STOPPED, Outcome.SUCCEEDED));
		assertThat(this.history.entries.get(1).errorCode()).isEqualTo("SDK.ReadTimeout");
	}

	/** The history port in memory. */
	static final class MemoryHistory implements UnmanagedRelayHistory {

		final List<Entry> entries = new ArrayList<>();

		@Override
		public void record(Entry entry) {
			this.entries.add(entry);
		}

		@Override
		public Optional<Entry> latest(String appId, String taskId) {
			return this.entries.stream()
				.filter((e) -> e.appId().equals(appId) && e.taskId().equals(taskId))
				.reduce((a, b) -> b);
		}

		@Override
		public List<Entry> page(String appId, long afterId, int limit) {
			return this.entries.stream().filter((e) -> e.appId().equals(appId)).limit(limit).toList();
		}

	}

}
