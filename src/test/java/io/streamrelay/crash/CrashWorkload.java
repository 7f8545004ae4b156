package io.streamrelay.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounded random workload: starts, updates (single to mixed and back), stops and
 * retries of earlier idempotency keys over a fixed pool of tasks, by a few concurrent
 * clients. Each client's operations follow from the seed; their interleaving does not.
 */
final class CrashWorkload {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	private final CrashClient client;

	private final Ledger ledger;

	private final List<String> tasks;

	CrashWorkload(CrashClient client, Ledger ledger, List<String> tasks) {
		this.client = client;
		this.ledger = ledger;
		this.tasks = List.copyOf(tasks);
	}

	/**
	 * Starts {@code workers} clients that send until {@code stop} is set, each at most
	 * {@code maxRequests}; the returned threads end by themselves after that.
	 */
	List<Thread> start(String phase, long seed, int workers, int maxRequests, AtomicBoolean stop) {
		List<Thread> threads = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			Random random = new Random(seed * 1_000_003L + w);
			Thread thread = new Thread(() -> {
				for (int i = 0; i < maxRequests && !stop.get(); i++) {
					one(phase, random);
				}
			}, "crash-" + phase + "-" + w);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		return threads;
	}

	void one(String phase, Random random) {
		int pick = random.nextInt(100);
		if (pick < 10) {
			retry(phase, random.nextInt());
			return;
		}
		int index = random.nextInt(this.tasks.size());
		String taskId = this.tasks.get(index);
		String key = (random.nextInt(100) < 70) ? new UUID(random.nextLong(), random.nextLong()).toString() : null;
		if (pick < 45) {
			send(phase, "start", taskId, "POST", TASKS, start(taskId), key);
		}
		else if (pick < 60) {
			send(phase, "to-mixed", taskId, "PATCH", TASKS + "/" + taskId, mixed(taskId), key);
		}
		else if (pick < 75) {
			send(phase, "to-single", taskId, "PATCH", TASKS + "/" + taskId, single(taskId), key);
		}
		else {
			send(phase, "stop", taskId, "DELETE", TASKS + "/" + taskId, null, key);
		}
	}

	/** The same request again with the same key, as a client retrying would send it. */
	private void retry(String phase, int index) {
		String key = this.ledger.keyAt(index);
		if (key == null) {
			return;
		}
		Ledger.Exchange first = this.ledger.firstWith(key);
		send(phase, "retry-" + first.op(), first.taskId(), first.method(), first.path(), first.body(), key);
	}

	private void send(String phase, String op, String taskId, String method, String path, String body, String key) {
		CrashClient.Answer answer = this.client.send(method, path, body, key);
		this.ledger.record(new Ledger.Exchange(phase, op, taskId, method, path, body, key, answer));
	}

	static String start(String taskId) {
		return "{\"taskId\":\"" + taskId + "\",\"channelId\":\"ch-" + taskId + "\",\"mode\":\"single\","
				+ "\"single\":{\"userId\":\"host-" + taskId + "\"}}";
	}

	static String single(String taskId) {
		return "{\"mode\":\"single\",\"single\":{\"userId\":\"host-" + taskId + "\"}}";
	}

	static String mixed(String taskId) {
		return "{\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"host-" + taskId + "\"},{\"userId\":\"guest-"
				+ taskId + "\"}],\"layout\":{\"panes\":[{\"x\":0,\"y\":0,\"width\":0.5,\"height\":1,\"userId\":\"host-"
				+ taskId + "\"},{\"x\":0.5,\"y\":0,\"width\":0.5,\"height\":1,\"userId\":\"guest-" + taskId + "\"}]}}}";
	}

}
