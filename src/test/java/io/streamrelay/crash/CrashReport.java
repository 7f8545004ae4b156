package io.streamrelay.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The counts a crash run prints, and keeps for the JUnit assertions. */
final class CrashReport {

	int kills;

	int serviceRestarts;

	int postgresRestarts;

	int inFlightAtKill;

	int pendingAfterRestart;

	int recovered;

	int replayedKeys;

	int outage503;

	int outageReadinessDown;

	int outageServerErrors;

	int outageHung;

	long outageSlowestMillis;

	final List<Long> recoveryMillis = new ArrayList<>();

	final List<Long> postgresRecoveryMillis = new ArrayList<>();

	String summary(long seed, java.util.Map<Integer, Long> statuses, int requests, int answered2xx, int lost,
			int doubled, int violations, long wallMillis) {
		return String.format(
				"[crash] seed=%d kills=%d serviceRestarts=%d postgresRestarts=%d requests=%d answered2xx=%d statuses=%s"
						+ " inFlightAtKill=%d pendingAfterRestart=%d recovered=%d replayedKeys=%d lost=%d doubled=%d"
						+ " violations=%d recovery(restart->settled) %s; postgres outage: 503=%d readinessDown=%d"
						+ " 500s=%d hung=%d slowestAnswer=%dms, back-to-ready %s; wall=%ds",
				seed, this.kills, this.serviceRestarts, this.postgresRestarts, requests, answered2xx, statuses,
				this.inFlightAtKill, this.pendingAfterRestart, this.recovered, this.replayedKeys, lost, doubled,
				violations, spread(this.recoveryMillis), this.outage503, this.outageReadinessDown,
				this.outageServerErrors, this.outageHung, this.outageSlowestMillis, spread(this.postgresRecoveryMillis),
				wallMillis / 1000);
	}

	static String spread(List<Long> millis) {
		if (millis.isEmpty()) {
			return "n/a";
		}
		List<Long> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return String.format("min=%.1fs median=%.1fs max=%.1fs (n=%d)", sorted.get(0) / 1000.0,
				sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, sorted.size());
	}

}
