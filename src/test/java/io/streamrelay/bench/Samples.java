package io.streamrelay.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Cycle durations of one or more rounds, and the time they took. */
final class Samples {

	private final List<Long> nanos = new ArrayList<>();

	private long elapsedNanos;

	private long failed;

	synchronized void record(long cycleNanos) {
		this.nanos.add(cycleNanos);
	}

	synchronized void elapsed(long nanos) {
		this.elapsedNanos += nanos;
	}

	/** Cycles that failed (an answer other than the expected one): not in the figures. */
	synchronized void failed(long count) {
		this.failed += count;
	}

	synchronized long failed() {
		return this.failed;
	}

	synchronized void add(Samples other) {
		synchronized (other) {
			this.nanos.addAll(other.nanos);
			this.elapsedNanos += other.elapsedNanos;
			this.failed += other.failed;
		}
	}

	synchronized int count() {
		return this.nanos.size();
	}

	/** Cycles per second over the rounds' wall-clock time. */
	synchronized double perSecond() {
		return (this.elapsedNanos == 0) ? 0 : this.nanos.size() / (this.elapsedNanos / 1e9);
	}

	/** The nearest-rank percentile, in milliseconds. */
	synchronized double percentile(double percent) {
		if (this.nanos.isEmpty()) {
			throw new IllegalStateException("no samples");
		}
		List<Long> sorted = new ArrayList<>(this.nanos);
		Collections.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1)) / 1e6;
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	@Override
	public synchronized String toString() {
		if (this.nanos.isEmpty()) {
			return "no cycles";
		}
		return String.format(Locale.ROOT, "%d cycles, %.1f/s, p50 %.2f ms, p99 %.2f ms", this.nanos.size(), perSecond(),
				percentile(50), percentile(99));
	}

}
