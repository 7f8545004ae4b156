package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.util.Map;

import io.streamrelay.relaytask.spec.RelayMode;
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

}
