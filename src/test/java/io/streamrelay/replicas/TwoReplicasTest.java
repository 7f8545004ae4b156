package io.streamrelay.replicas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.emulator.FaultPacing;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.emulator.HeldRequests;
import io.streamrelay.relaytask.scheduling.ReconcilerJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one database: concurrent starts of one task cause one
 * vendor Start, concurrent updates are serialized by the version compare-and-set and none
 * is lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoReplicasTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	Replicas replicas;

	abstract Map<String, String> database();

	@BeforeAll
	void startReplicas() {
		this.replicas = new Replicas(2, database());
	}

	@AfterAll
	void stopReplicas() {
		if (this.replicas != null) {
			this.replicas.close();
		}
	}

	EmulatorState emulator() {
		return this.replicas.context(0).getBean(EmulatorState.class);
	}

	<T> List<T> concurrently(int callers, java.util.function.IntFunction<T> call) throws Exception {
		return io.streamrelay.testing.Concurrently.run(callers, call);
	}

	Replicas.Reply send(int replica, String method, String path, String contentType, String body) {
		return this.replicas.send(replica, method, path, contentType, body);
	}

	@Test
	void concurrentStartsOfOneTaskOnBothReplicasCauseExactlyOneVendorStart() throws Exception {
		long startsBefore = emulator().callCount("StartLiveMPUTask");
		String body = "{'taskId':'race-start','channelId':'race','mode':'single','single':{'userId':'host'}}";
		List<Replicas.Reply> replies = concurrently(16, (i) -> send(i % 2, "POST", TASKS, "application/json", body));
		long created = replies.stream().filter((r) -> r.status() == 201).count();
		// the same start again answers the existing task (200) once it is recorded, a
		// conflict while racing the insert
		long existing = replies.stream().filter((r) -> r.status() == 200).count();
		long conflicts = replies.stream().filter((r) -> r.status() == 409).count();
		long vendorStarts = emulator().callCount("StartLiveMPUTask") - startsBefore;
		System.out.printf(
				"[replicas %s] concurrent starts: 16 requests on 2 replicas -> %d x 201, %d x 200 (same task), "
						+ "%d x 409, %d vendor StartLiveMPUTask%n",
				getClass().getSimpleName(), created, existing, conflicts, vendorStarts);
		assertThat(created).isEqualTo(1);
		assertThat(existing + conflicts).isEqualTo(15);
		assertThat(vendorStarts).isEqualTo(1);
		assertThat(emulator().runningTasks("demo-app")).extracting((t) -> t.taskId()).containsOnlyOnce("race-start");
	}

	@Test
	void concurrentUpdatesOnBothReplicasAreSerializedAndNoneIsLost() throws Exception {
		Replicas.Reply started = send(0, "POST", TASKS, "application/json",
				"{'taskId':'race-update','channelId':'race2','mode':'single','single':{'userId':'host'}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		long updatesBefore = emulator().callCount("UpdateLiveMPUTask");
		int writers = 8;
		// a 409 means another writer's update is in flight; the API offers no signal for
		// its end, so a writer retries at once, bounded by a generous deadline
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		List<Integer> attempts = concurrently(writers, (i) -> {
			String patch = "{'sei':{'passThrough':{'intervalMs':1000,'content':'writer-" + i + "'}}}";
			for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
				Replicas.Reply reply = send(i % 2, "PATCH", TASKS + "/race-update", "application/merge-patch+json",
						patch);
				if (reply.status() == 200) {
					return attempt;
				}
				assertThat(reply.status()).as(reply.body()).isEqualTo(409);
			}
			throw new AssertionError("writer " + i + " never got its update in");
		});
		int conflicts = attempts.stream().mapToInt((a) -> a - 1).sum();
		long vendorUpdates = emulator().callCount("UpdateLiveMPUTask") - updatesBefore;
		JsonNode events = JSON.readTree(send(1, "GET", TASKS + "/race-update/events", null, null).body()).get("items");
		List<String> contents = new ArrayList<>();
		long succeededUpdates = 0;
		for (JsonNode event : events) {
			if (event.get("action").asString().equals("update")) {
				assertThat(event.get("outcome").asString()).isEqualTo("succeeded");
				succeededUpdates++;
			}
		}
		JsonNode task = JSON.readTree(send(1, "GET", TASKS + "/race-update", null, null).body());
		String finalContent = task.get("spec").get("sei").get("passThrough").get("content").asString();
		contents.add(finalContent);
		System.out.printf(
				"[replicas %s] concurrent updates: %d writers on 2 replicas -> %d x 200 after %d x 409 retries, %d vendor UpdateLiveMPUTask, final version %d%n",
				getClass().getSimpleName(), writers, writers, conflicts, vendorUpdates, task.get("version").asLong());
		assertThat(vendorUpdates).isEqualTo(writers);
		assertThat(succeededUpdates).isEqualTo(writers);
		// start = 2 versions, each update = 2 versions (intent + outcome)
		assertThat(task.get("version").asLong()).isEqualTo(2 + 2L * writers);
		String vendorContent = emulator().task("demo-app", "race-update").orElseThrow().params().get("SeiParams");
		assertThat(vendorContent).contains(finalContent);
	}

	@Test
	void theReconcilerNeverRunsOnBothReplicasAtOnce() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(send(i % 2, "POST", TASKS, "application/json",
					"{'taskId':'rec-" + i + "','channelId':'rec','mode':'single','single':{'userId':'u" + i + "'}}")
				.status()).isEqualTo(201);
		}
		FaultPlan faults = this.replicas.context(0).getBean(FaultPlan.class);
		// every run asks the vendor about its active tasks; each round holds the first of
		// those calls until the other replica has tried, so both runs overlap by
		// construction, not by a delay
		faults.add(new FaultRule("ListRtcMPUTaskDetail", FaultRule.Kind.LATENCY, FaultRule.UNTIL_CLEARED, 1,
				FaultRule.When.BEFORE));
		ReconcilerJob[] jobs = { this.replicas.context(0).getBean(ReconcilerJob.class),
				this.replicas.context(1).getBean(ReconcilerJob.class) };
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			long skippedBefore = jobs[0].skipped() + jobs[1].skipped();
			long runsBefore = jobs[0].runs() + jobs[1].runs();
			int rounds = 4;
			long ran = 0;
			long skipped = 0;
			for (int round = 0; round < rounds; round++) {
				List<Boolean> executed = roundOnBothReplicas(jobs, faults, pool);
				assertThat(executed).as("round " + round).containsExactlyInAnyOrder(true, false);
				ran += executed.stream().filter((b) -> b).count();
				skipped += executed.stream().filter((b) -> !b).count();
			}
			System.out.printf(
					"[replicas %s] reconciler: %d rounds started on both replicas at once -> %d runs, %d skipped (lock held)%n",
					getClass().getSimpleName(), rounds, ran, skipped);
			assertThat(ran).isEqualTo(rounds);
			// a crashed run also returns null: the counters tell skipped (lock held) from
			// failed
			assertThat(jobs[0].skipped() + jobs[1].skipped() - skippedBefore).isEqualTo(rounds);
			assertThat(jobs[0].runs() + jobs[1].runs() - runsBefore).isEqualTo(rounds);
		}
		finally {
			pool.shutdownNow();
			faults.pace(FaultPacing.SLEEP);
			faults.clear();
		}
	}

	/**
	 * Starts a run on both replicas; the one that gets the lock is held in its first
	 * vendor call until the other has returned. Whether each executed, in replica order.
	 */
	private static List<Boolean> roundOnBothReplicas(ReconcilerJob[] jobs, FaultPlan faults, ExecutorService pool)
			throws Exception {
		HeldRequests held = new HeldRequests();
		faults.pace(held);
		try {
			List<CompletableFuture<Boolean>> runs = List.of(
					CompletableFuture.supplyAsync(() -> jobs[0].runOnce() != null, pool),
					CompletableFuture.supplyAsync(() -> jobs[1].runOnce() != null, pool));
			held.awaitArrivals(1);
			// the lock holder cannot return while held: whoever returns first tried while
			// the lock was taken
			Object first;
			try {
				first = CompletableFuture.anyOf(runs.get(0), runs.get(1)).get(30, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				throw new AssertionError("neither replica returned while one held the lock; vendor calls held: "
						+ held.latencies().size(), ex);
			}
			assertThat(first).as("the replica that returned first skipped").isEqualTo(false);
			assertThat(held.latencies()).as("only the lock holder reached the vendor").hasSize(1);
			held.release();
			return List.of(runs.get(0).get(30, TimeUnit.SECONDS), runs.get(1).get(30, TimeUnit.SECONDS));
		}
		finally {
			held.release();
		}
	}

}
