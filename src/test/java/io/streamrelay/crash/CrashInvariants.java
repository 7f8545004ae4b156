package io.streamrelay.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.streamrelay.lifecycle.HistoryEdges;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskState;
import tools.jackson.databind.JsonNode;

/**
 * What must hold after every round, checked against the emulator's own state: nothing
 * lost, nothing doubled, nothing stuck, every history a legal chain. Violations are
 * collected (with what was seen), not thrown, so that a run reports all of them.
 */
final class CrashInvariants {

	static final Set<String> TRANSITIONAL = Set.of("starting", "updating", "stopping");

	private final CrashClient service;

	private final CrashClient vendor;

	private final List<String> violations = new ArrayList<>();

	private int lost;

	private int doubled;

	CrashInvariants(CrashClient service, CrashClient vendor) {
		this.service = service;
		this.vendor = vendor;
	}

	int lost() {
		return this.lost;
	}

	int doubled() {
		return this.doubled;
	}

	List<String> violations() {
		return List.copyOf(this.violations);
	}

	Map<String, JsonNode> serviceTasks() {
		Map<String, JsonNode> tasks = new HashMap<>();
		String token = null;
		do {
			JsonNode page = this.service.read(CrashWorkload.TASKS + "?pageSize=100" + (token == null ? ""
					: "&pageToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)));
			page.get("items").forEach((task) -> tasks.put(task.get("taskId").asString(), task));
			JsonNode next = page.get("nextPageToken");
			token = (next == null || next.isNull()) ? null : next.asString();
		}
		while (token != null);
		return tasks;
	}

	long transitional() {
		return serviceTasks().values()
			.stream()
			.filter((task) -> TRANSITIONAL.contains(task.get("state").asString()))
			.count();
	}

	JsonNode vendorListing() {
		return this.vendor.read("/emulator/tasks?appId=demo-app");
	}

	long vendorCalls(String action) {
		JsonNode counts = vendorListing().get("callCounts");
		return (counts != null && counts.has(action)) ? counts.get(action).asLong() : 0;
	}

	/** Runs every check of a settled round; returns the number of new violations. */
	int check(String round, Ledger ledger, long startsSent) {
		int before = this.violations.size();
		Map<String, JsonNode> here = serviceTasks();
		Map<String, JsonNode> atVendor = new HashMap<>();
		vendorListing().get("tasks").forEach((task) -> atVendor.put(task.get("taskId").asString(), task));
		vendorMatchesService(round, here, atVendor);
		answersRecorded(round, ledger, here);
		answersWellFormed(round, ledger);
		here.values().forEach((task) -> {
			if (TRANSITIONAL.contains(task.get("state").asString())) {
				violation(round, "stuck", task.get("taskId").asString() + " is still " + task.get("state").asString());
			}
			historyIsLegal(round, task);
		});
		long starts = vendorCalls("StartLiveMPUTask");
		if (starts > startsSent) {
			this.doubled++;
			violation(round, "doubled", "the vendor saw " + starts + " starts, the workload sent " + startsSent);
		}
		return this.violations.size() - before;
	}

	private void vendorMatchesService(String round, Map<String, JsonNode> here, Map<String, JsonNode> atVendor) {
		atVendor.values().stream().filter((v) -> "RUNNING".equals(v.get("state").asString())).forEach((v) -> {
			String taskId = v.get("taskId").asString();
			JsonNode task = here.get(taskId);
			if (task == null || !"active".equals(task.get("state").asString())) {
				this.lost++;
				violation(round, "lost", "the vendor runs " + taskId + ", the service has it as "
						+ (task == null ? "unknown" : task.get("state").asString()));
			}
		});
		here.values().stream().filter((t) -> "active".equals(t.get("state").asString())).forEach((task) -> {
			String taskId = task.get("taskId").asString();
			JsonNode v = atVendor.get(taskId);
			if (v == null || !"RUNNING".equals(v.get("state").asString())) {
				this.lost++;
				violation(round, "lost", taskId + " is active here but does not run at the vendor");
			}
			else if (!v.get("mixMode").asString().equals("single".equals(task.get("mode").asString()) ? "0" : "1")) {
				this.lost++;
				violation(round, "lost", taskId + " is " + task.get("mode").asString() + " here but runs with MixMode "
						+ v.get("mixMode").asString() + " at the vendor");
			}
		});
	}

	/** Every 2xx answer's write is still there: the task's version never went back. */
	private void answersRecorded(String round, Ledger ledger, Map<String, JsonNode> here) {
		for (Ledger.Exchange exchange : ledger.exchanges()) {
			CrashClient.Answer answer = exchange.answer();
			if (answer.status() < 200 || answer.status() >= 300) {
				continue;
			}
			JsonNode answered = answer.json();
			JsonNode task = here.get(exchange.taskId());
			long version = answered.path("version").asLong(0);
			if (task == null || task.get("version").asLong() < version) {
				this.lost++;
				violation(round, "lost",
						exchange.method() + " " + exchange.path() + " was answered " + answer.status()
								+ " with version " + version + ", the service now has "
								+ (task == null ? "no task" : "version " + task.get("version").asLong()));
			}
		}
	}

	/**
	 * Never a 500, never an answer past the request budget; every refusal a problem,
	 * every 503 with Retry-After.
	 */
	private void answersWellFormed(String round, Ledger ledger) {
		for (Ledger.Exchange exchange : ledger.exchanges()) {
			CrashClient.Answer answer = exchange.answer();
			if (!round.equals(exchange.phase()) || answer.status() == CrashClient.NO_ANSWER) {
				continue;
			}
			String request = exchange.method() + " " + exchange.path() + " answered " + answer.status() + " after "
					+ answer.millis() + " ms";
			if (answer.status() == CrashClient.HUNG || answer.status() == 500) {
				violation(round, "answer", request + ": " + answer.body());
			}
			else if (answer.status() >= 400 && answer.problemType() == null) {
				violation(round, "answer", request + " without a problem: " + answer.body());
			}
			else if (answer.status() == 503 && answer.retryAfter() == null) {
				violation(round, "answer", request + " without Retry-After: " + answer.body());
			}
		}
	}

	private void historyIsLegal(String round, JsonNode task) {
		String taskId = task.get("taskId").asString();
		RelayTaskState previous = null;
		String token = null;
		do {
			JsonNode page = this.service
				.read(CrashWorkload.TASKS + "/" + taskId + "/events?pageSize=100" + (token == null ? ""
						: "&pageToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)));
			for (JsonNode entry : page.get("items")) {
				JsonNode state = entry.get("state");
				if (state == null || state.isNull()) {
					continue;
				}
				RelayTaskEvent event = new RelayTaskEvent("demo-app", taskId, null,
						RelayTaskEvent.Action.valueOf(entry.get("action").asString().toUpperCase(Locale.ROOT)),
						RelayTaskEvent.Outcome.valueOf(entry.get("outcome").asString().toUpperCase(Locale.ROOT)), null,
						null, null, RelayTaskState.valueOf(state.asString().toUpperCase(Locale.ROOT)));
				if (!allowedAfterIntents(previous, event)) {
					violation(round, "history", taskId + ": " + entry + " after " + previous);
				}
				previous = event.state();
			}
			JsonNode next = page.get("nextPageToken");
			token = (next == null || next.isNull()) ? null : next.asString();
		}
		while (token != null);
		String now = task.get("state").asString();
		if (previous == null || !previous.name().toLowerCase(Locale.ROOT).equals(now)) {
			violation(round, "history", taskId + " is " + now + " but its last recorded state is " + previous);
		}
	}

	/**
	 * An intent (starting, updating, stopping) leaves no history entry, and after a kill
	 * no outcome either: the entry that follows may start from the state the intent left.
	 */
	static boolean allowedAfterIntents(RelayTaskState previous, RelayTaskEvent event) {
		Set<RelayTaskState> intents = (previous == null || previous == RelayTaskState.STOPPED
				|| previous == RelayTaskState.FAILED) ? Set.of(RelayTaskState.STARTING)
						: (previous == RelayTaskState.ACTIVE) ? Set.of(RelayTaskState.UPDATING, RelayTaskState.STOPPING)
								: Set.of(RelayTaskState.STOPPING);
		return HistoryEdges.allowed(previous, event)
				|| intents.stream().anyMatch((from) -> HistoryEdges.allowed(from, event));
	}

	/**
	 * Every key whose answer was recorded (2xx, or a 4xx that is not "not now") is
	 * replayed, not executed again, and the vendor sees no call meanwhile.
	 */
	int replayRecordedKeys(String round, Ledger ledger) {
		Map<String, Ledger.Exchange> recorded = new HashMap<>();
		for (Ledger.Exchange exchange : ledger.exchanges()) {
			if (!round.equals(exchange.phase())) {
				continue;
			}
			int status = exchange.answer().status();
			boolean recordable = status >= 200 && status < 500
					&& !Set.of(408, 409, 412, 423, 425, 429).contains(status);
			if (exchange.key() != null && recordable) {
				recorded.putIfAbsent(exchange.key(), exchange);
			}
		}
		long callsBefore = totalVendorCalls();
		recorded.forEach((key, exchange) -> {
			CrashClient.Answer again = this.service.send(exchange.method(), exchange.path(), exchange.body(), key);
			if (!again.replayed() || again.status() != exchange.answer().status()) {
				this.doubled++;
				violation(round, "doubled",
						"key " + key + " (" + exchange.method() + " " + exchange.path() + ", first answered "
								+ exchange.answer().status() + ") answered " + again.status()
								+ (again.replayed() ? " replayed" : " executed again"));
			}
		});
		long callsAfter = totalVendorCalls();
		if (callsAfter != callsBefore) {
			this.doubled++;
			violation(round, "doubled", "replaying recorded keys made " + (callsAfter - callsBefore) + " vendor calls");
		}
		return recorded.size();
	}

	private long totalVendorCalls() {
		long total = 0;
		for (String action : List.of("StartLiveMPUTask", "UpdateLiveMPUTask", "StopLiveMPUTask")) {
			total += vendorCalls(action);
		}
		return total;
	}

	void violation(String round, String kind, String what) {
		String line = "[crash] VIOLATION " + round + " " + kind + ": " + what;
		System.out.println(line);
		this.violations.add(line);
	}

}
