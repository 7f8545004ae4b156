package io.streamrelay.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every request the workload sent and what it was answered, by idempotency key too: what
 * the checks compare the service's and the vendor's state with.
 */
final class Ledger {

	private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

	private final Map<String, Exchange> firstByKey = new ConcurrentHashMap<>();

	private final List<String> keys = new ArrayList<>();

	void record(Exchange exchange) {
		this.exchanges.add(exchange);
		if (exchange.key() != null && this.firstByKey.putIfAbsent(exchange.key(), exchange) == null) {
			synchronized (this.keys) {
				this.keys.add(exchange.key());
			}
		}
	}

	List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	/** The request first sent with this key (a retry sends exactly it again). */
	Exchange firstWith(String key) {
		return this.firstByKey.get(key);
	}

	/** A key sent before, chosen by {@code index} (modulo their number), or null. */
	String keyAt(int index) {
		synchronized (this.keys) {
			return this.keys.isEmpty() ? null : this.keys.get(Math.floorMod(index, this.keys.size()));
		}
	}

	/** One request and its answer. */
	record Exchange(String phase, String op, String taskId, String method, String path, String body, String key,
			CrashClient.Answer answer) {

		boolean isStart() {
			return "POST".equals(this.method);
		}

	}

}
