package io.streamrelay.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Remembers recently used SignatureNonce values, bounded in both time and count. */
final class NonceCache {

	private final Duration retention;

	private final int maxEntries;

	private final Map<String, Instant> seen = new LinkedHashMap<>();

	NonceCache(Duration retention, int maxEntries) {
		this.retention = retention;
		this.maxEntries = maxEntries;
	}

	/**
	 * Records the nonce and reports whether it was unused within the retention window.
	 */
	synchronized boolean firstUse(String nonce, Instant now) {
		evictOlderThan(now.minus(this.retention));
		if (this.seen.containsKey(nonce)) {
			return false;
		}
		if (this.seen.size() >= this.maxEntries) {
			// dropping the oldest is safe enough: such a request is also close to failing
			// the timestamp check
			Iterator<String> oldest = this.seen.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		this.seen.put(nonce, now);
		return true;
	}

	synchronized void clear() {
		this.seen.clear();
	}

	synchronized int size() {
		return this.seen.size();
	}

	private void evictOlderThan(Instant cutoff) {
		Iterator<Instant> it = this.seen.values().iterator();
		while (it.hasNext() && it.next().isBefore(cutoff)) {
			it.remove();
		}
	}

}
