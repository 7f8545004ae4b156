package io.streamrelay.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.testing.TestHttp;
import io.streamrelay.testing.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the seeded random workload in rounds of up to four concurrent operations (they
 * start together at a barrier; reconciler runs are among them, with a grace period as in
 * production), and every {@value #CHECK_EVERY} rounds reaches a quiescent point and
 * checks the invariants. The seed fixes the operations and their bodies; which call a
 * fault hits and how the operations interleave is what the machine makes of them, so a
 * replay runs the same operations, not necessarily the same interleaving.
 */
final class LifecycleWorkload {

	static final int TASKS = 200;

	static final int SDK_RELAYS = 20;

	static final int CONCURRENCY = 4;

	static final int CHECK_EVERY = 60;

	static final String TASKS_PATH = "/v1/apps/demo-app/relay-tasks";

	private final Random random;

	private final TestHttp http;

	private final FaultPlan faults;

	private final LifecycleInvariants invariants;

	private final Map<String, Integer> statuses = new TreeMap<>();

	private final Map<String, Integer> kinds = new TreeMap<>();

	private final Set<String> touched = new HashSet<>();

	private final Set<String> touchedSinceCheck = new HashSet<>();

	private final Set<String> vanished = new HashSet<>();

	private final List<Integer> started = new ArrayList<>();

	/**
	 * Client-SDK relays an adoption operation ended again (added by the pool's threads).
	 */
	private final Set<String> endedByCleanup = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private int nextFresh;

	/** What a run did, printed with the seed. */
	record Summary(int operations, int rounds, int checkpoints, int reconcilerRuns, int tasksTouched,
			Map<String, Integer> kinds, Map<String, Integer> statuses) {
	}

	/** One operation and what the model learns from its answer. */
	private record Op(String kind, String taskId, Callable<Reply> call) {
	}

	LifecycleWorkload(long seed, TestHttp http, FaultPlan faults, LifecycleInvariants invariants) {
		this.random = new Random(seed);
		this.http = http;
		this.faults = faults;
		this.invariants = invariants;
	}

	Summary run(int operations) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
		int done = 0;
		int rounds = 0;
		try {
			while (done < operations) {
				done += round(pool);
				rounds++;
				if (rounds % CHECK_EVERY == 0) {
					checkpoint();
				}
			}
			checkpoint();
		}
		finally {
			pool.shutdownNow();
		}
		return new Summary(done, rounds, this.invariants.checks, this.invariants.reconcilerRuns, this.touched.size(),
				this.kinds, this.statuses);
	}

	private int round(ExecutorService pool) throws Exception {
		int size = 1 + this.random.nextInt(CONCURRENCY);
		List<Op> ops = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			ops.add(next());
		}
		CyclicBarrier barrier = new CyclicBarrier(size);
		List<Future<Reply>> answers = new ArrayList<>();
		for (Op op : ops) {
			answers.add(pool.submit(() -> {
				barrier.await(30, TimeUnit.SECONDS);
				return op.call().call();
			}));
		}
		Set<String> vanishedNow = new HashSet<>();
		Set<String> startedNow = new HashSet<>();
		for (Op op : ops) {
			if (isStart(op) || op.kind().equals("adopt")) {
				startedNow.add(op.taskId());
			}
		}
		for (int i = 0; i < size; i++) {
			Op op = ops.get(i);
			Reply reply = answers.get(i).get(60, TimeUnit.SECONDS);
			count(this.kinds, op.kind());
			if (reply == null) {
				continue;
			}
			count(this.statuses, op.kind() + " " + reply.status());
			checkAnswer(op, reply);
			if (op.kind().equals("vanish") && reply.status() == 204) {
				vanishedNow.add(op.taskId());
			}
			else if (isStart(op) && reply.status() == 201) {
				// only a start that was sent (201) proves the relay runs; a repeated one
				// (200)
				// answers the task as recorded
				this.vanished.remove(op.taskId());
			}
		}
		// a vanish that raced a start in the same round may have come after it, and its
		// end event may be taken for the previous run's (stale); any other vendor-side
		// end reaches the service as an event (callback or event record)
		vanishedNow.retainAll(startedNow);
		this.vanished.addAll(vanishedNow);
		this.vanished.addAll(this.endedByCleanup);
		this.endedByCleanup.clear();
		return size;
	}

	private void checkpoint() throws InterruptedException {
		this.faults.clear();
		// sends a delivery held back for reordering
		this.http.send("DELETE", "/emulator/callbacks/faults", null);
		this.invariants.settle();
		this.invariants.check(this.touchedSinceCheck, this.vanished);
		this.touchedSinceCheck.clear();
	}

	private Op next() {
		int pick = this.random.nextInt(100);
		// mostly tasks already started, so that operations meet and interleave
		int task = (!this.started.isEmpty() && this.random.nextInt(4) > 0)
				? this.started.get(this.random.nextInt(this.started.size())) : this.random.nextInt(TASKS);
		String id = "lt-" + task;
		if (pick < 26) {
			int chosen = task;
			// some starts go to tasks never started yet, so that every task of the pool
			// takes part
			if (this.started.size() < TASKS && this.random.nextInt(5) < 2) {
				while (this.started.contains(this.nextFresh)) {
					this.nextFresh++;
				}
				chosen = this.nextFresh;
			}
			if (!this.started.contains(chosen)) {
				this.started.add(chosen);
			}
			String body = startBody(chosen);
			return touch(new Op("start", "lt-" + chosen, () -> this.http.send("POST", TASKS_PATH, body)));
		}
		if (pick < 42) {
			// bodies are drawn here, on the driving thread, so that the seed fixes them
			String body = updateBody(task);
			return new Op("update", id, () -> this.http.send("PATCH", TASKS_PATH + "/" + id, body));
		}
		if (pick < 50) {
			// desired state: starts (201), updates or leaves the task as it is (200)
			if (!this.started.contains(task)) {
				this.started.add(task);
			}
			String body = startBody(task);
			return touch(new Op("put", id, () -> this.http.send("PUT", TASKS_PATH + "/" + id, body)));
		}
		if (pick < 70) {
			return new Op("stop", id, () -> this.http.send("DELETE", TASKS_PATH + "/" + id, null));
		}
		if (pick < 74) {
			return new Op("get", id, () -> this.http.send("GET", TASKS_PATH + "/" + id, null));
		}
		if (pick < 77) {
			// a custom SEI: one vendor call if running, 409 otherwise; never moves the
			// task
			String sei = "{\"content\":{\"n\":" + this.random.nextInt(1000) + "}}";
			return new Op("sei", id, () -> this.http.send("POST", TASKS_PATH + "/" + id + "/sei", sei));
		}
		if (pick < 83) {
			return adoption(this.random.nextInt(SDK_RELAYS));
		}
		if (pick < 89) {
			String target = this.random.nextBoolean() ? id : SdkRelays.taskId(this.random.nextInt(SDK_RELAYS));
			return new Op("vanish", target, () -> this.http.send("POST",
					"/emulator/tasks/" + LifecycleInvariants.APP + "/" + target + "/vanish", null));
		}
		if (pick < 91) {
			return new Op("reconcile", null, () -> {
				this.invariants.reconcileConcurrently();
				return null;
			});
		}
		if (pick < 94) {
			String[] modes = { "drop", "duplicate", "reorder", "delay" };
			String body = "{\"mode\":\"" + modes[this.random.nextInt(modes.length)] + "\",\"times\":"
					+ (1 + this.random.nextInt(3)) + ",\"delayMs\":" + this.random.nextInt(300) + "}";
			return new Op("callback fault", null, () -> this.http.send("POST", "/emulator/callbacks/faults", body));
		}
		FaultRule rule = Faults.random(this.random);
		return new Op("fault " + Faults.name(rule), null, () -> {
			this.faults.add(rule);
			return null;
		});
	}

	private Op adoption(int relay) {
		String taskId = SdkRelays.taskId(relay);
		return touch(new Op("adopt", taskId, () -> {
			Reply started = this.http.send("POST", "/emulator/sdk-relays", SdkRelays.relayBody(relay));
			Reply adopted = this.http.send("POST", TASKS_PATH + "/adoptions", SdkRelays.adoptionBody(relay));
			if (started.status() == 201 && adopted.status() / 100 != 2) {
				// keep every client-SDK relay this test creates managed: end the one the
				// service would not take (a concurrent adoption of the same relay may
				// have
				// taken it: then this is a vendor-side end of an adopted task)
				Reply ended = this.http.send("POST",
						"/emulator/tasks/" + LifecycleInvariants.APP + "/" + taskId + "/vanish", null);
				if (ended.status() == 204) {
					this.endedByCleanup.add(taskId);
				}
			}
			return adopted;
		}));
	}

	private Op touch(Op op) {
		this.touched.add(op.taskId());
		this.touchedSinceCheck.add(op.taskId());
		return op;
	}

	private static boolean isStart(Op op) {
		return op.kind().equals("start") || op.kind().equals("adopt") || op.kind().equals("put");
	}

	/** No 500 ever; 5xx only the documented upstream answers; every refusal a problem. */
	private void checkAnswer(Op op, Reply reply) {
		int status = reply.status();
		if (status < 400) {
			return;
		}
		assertThat(reply.contentType()).as("%s %s → %d %s", op.kind(), op.taskId(), status, reply.body())
			.startsWith("application/problem+json");
		// every task pushes to its own stream (the default push URL of its own channel
		// and
		// anchor: lc-N/lu-N, client-SDK relays sc-N/su-N), so no operation may meet
		// another
		// task's destination; a destination-in-use here is the guard counting a task
		// against itself (its re-signed URL, its own restart or update)
		assertThat(reply.json().path("type").asString("")).as("%s %s → %s", op.kind(), op.taskId(), reply.body())
			.doesNotEndWith("/problems/destination-in-use");
		if (status >= 500) {
			assertThat(status).as("%s %s → %s", op.kind(), op.taskId(), reply.body()).isIn(502, 503, 504);
			assertThat(reply.json().get("type").asString()).contains("/problems/upstream-");
		}
	}

	private String startBody(int task) {
		String channel = "\"channelId\":\"lc-" + task + "\"";
		return "{\"taskId\":\"lt-" + task + "\"," + channel + ","
				+ (this.random.nextBoolean() ? single(task) : mixed(task)) + "}";
	}

	private String updateBody(int task) {
		return "{" + (this.random.nextBoolean() ? single(task) : mixed(task)) + "}";
	}

	private static String single(int task) {
		return "\"mode\":\"single\",\"single\":{\"userId\":\"lu-" + task + "\"}";
	}

	private String mixed(int task) {
		int others = 1 + this.random.nextInt(3);
		StringBuilder users = new StringBuilder("{\"userId\":\"lu-" + task + "\"}");
		StringBuilder panes = new StringBuilder(
				"{\"x\":0,\"y\":0,\"width\":0.5,\"height\":1,\"userId\":\"lu-" + task + "\"}");
		for (int i = 1; i <= others; i++) {
			users.append(",{\"userId\":\"lv-").append(task).append('-').append(i).append("\"}");
			panes.append(",{\"x\":0.5,\"y\":")
				.append((i - 1) / 3.0)
				.append(",\"width\":0.5,\"height\":0.3,\"userId\":\"lv-")
				.append(task)
				.append('-')
				.append(i)
				.append("\"}");
		}
		return "\"mode\":\"mixed\",\"mixed\":{\"users\":[" + users + "],\"layout\":{\"panes\":[" + panes + "]}}";
	}

	private static void count(Map<String, Integer> counts, String key) {
		counts.merge(key, 1, Integer::sum);
	}

}
