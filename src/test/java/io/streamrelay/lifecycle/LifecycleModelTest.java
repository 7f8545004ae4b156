package io.streamrelay.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.replicas.Replicas;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model-based lifecycle test: a seeded random workload of concurrent starts, updates
 * (single ↔ mixed), stops, adoptions, restarts, reconciler runs, vendor-side ends and
 * emulator faults of every kind, over real HTTP, with the invariants of
 * {@link LifecycleInvariants} checked against the emulator's own state at every quiescent
 * point. One subclass per list world and database.
 * <p>
 * {@code -Dlifecycle.operations=N} sets the operations per class (CI: 2,600, so that the
 * four classes run over 10,000); {@code -Dlifecycle.seed=S} replays a run. The seed, the
 * counts and the statuses are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LifecycleModelTest {

	static final String DEV_KEY = "Bearer srdev-local-emulator-only-do-not-use-in-production";

	ConfigurableApplicationContext context;

	/** Whether the emulator's ListRtcMPUTaskDetail keeps stopped tasks. */
	abstract boolean listKeepsStopped();

	/** Datasource properties of the service's database. */
	abstract Map<String, String> database();

	@BeforeAll
	void start() {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"streamrelay.reconciler.enabled=false", "streamrelay.reconciler.backoff-first=0s",
				"streamrelay.reconciler.backoff-max=0s", "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.emulator.single-quota=10000", "streamrelay.emulator.mixed-quota=10000",
				"streamrelay.emulator.list-includes-stopped=" + listKeepsStopped(),
				"streamrelay.upstream.read-timeout=1s", "streamrelay.security.requests-per-second-per-key=100000",
				"resilience4j.ratelimiter.instances.vendor-describe.limit-for-period=100000",
				// retries as in production, without their waits: the workload is about
				// order
				"resilience4j.retry.configs.vendor.wait-duration=2ms",
				// the breaker has its own tests; here every request must reach the fault
				"resilience4j.circuitbreaker.instances.vendor.sliding-window-size=100000",
				"resilience4j.circuitbreaker.instances.vendor.minimum-number-of-calls=100000"));
		database().forEach((key, value) -> properties.add(key + "=" + value));
		this.context = Replicas.start(properties);
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void noInterleavingBreaksTheRecordedLifecycle() throws Exception {
		long seed = Long.getLong("lifecycle.seed", System.nanoTime());
		int operations = Integer.getInteger("lifecycle.operations", 2600);
		String label = getClass().getSimpleName() + " seed=" + seed + " (replay: -Dlifecycle.seed=" + seed + " -Dtest="
				+ getClass().getSimpleName() + ")";
		System.out.println("[lifecycle] " + label + ", operations=" + operations);
		LifecycleInvariants invariants = new LifecycleInvariants(this.context.getBean(EmulatorState.class),
				this.context.getBean(RelayTasks.class), this.context.getBean(RelayTaskReconciler.class),
				listKeepsStopped(), label)
			.withVendorEvents(List.copyOf(
					this.context.getBeansOfType(io.streamrelay.relaytask.reconciliation.ReconcilerStep.class).values()),
					this.context.getBean(io.streamrelay.emulator.CallbackDispatcher.class)::idle);
		// the service subscribes to the vendor's events once it listens: from then on
		// every start and end is reported
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> this.context.getBean(io.streamrelay.emulator.EmulatedSubscriptions.class)
				.callbackUrl(LifecycleInvariants.APP)
				.isPresent());
		LifecycleWorkload workload = new LifecycleWorkload(seed, new TestHttp(Replicas.port(this.context), DEV_KEY),
				this.context.getBean(FaultPlan.class), invariants);
		LifecycleWorkload.Summary summary = workload.run(operations);
		System.out.println("[lifecycle] " + label + ": " + summary);
		assertThat(summary.operations()).as(label).isGreaterThanOrEqualTo(operations);
		assertThat(summary.checkpoints()).as(label).isGreaterThan(1);
		assertThat(summary.tasksTouched()).as(label).isGreaterThanOrEqualTo(Math.min(200, operations / 10));
	}

}
