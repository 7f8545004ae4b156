package io.streamrelay.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The thread-safe, ordered list of fault rules that the emulated vendor endpoint consults
 * for every request.
 */
public final class FaultPlan {

	private final List<Entry> entries = new ArrayList<>();

	private long lastId;

	private volatile FaultPacing pacing = FaultPacing.SLEEP;

	FaultPlan(List<FaultRule> presets) {
		presets.forEach(this::add);
	}

	/** Appends a rule; earlier rules win when several match the same request. */
	public synchronized ActiveFault add(FaultRule rule) {
		Entry entry = new Entry(++this.lastId, rule, rule.count());
		this.entries.add(entry);
		return entry.snapshot();
	}

	public synchronized void clear() {
		this.entries.clear();
	}

	/**
	 * Replaces how latencies are waited out ({@link FaultPacing#SLEEP} by default); a
	 * seam for tests, which hold requests with it instead of sleeping.
	 */
	public void pace(FaultPacing pacing) {
		this.pacing = Objects.requireNonNull(pacing, "pacing");
	}

	FaultPacing pacing() {
		return this.pacing;
	}

	/** The rules that still apply, in matching order, with their remaining counts. */
	public synchronized List<ActiveFault> rules() {
		return this.entries.stream().map(Entry::snapshot).toList();
	}

	/** Consumes one application of the first rule matching the Action, if any. */
	synchronized Optional<FaultRule> take(String action) {
		for (int i = 0; i < this.entries.size(); i++) {
			Entry entry = this.entries.get(i);
			if (!entry.rule.matches(action)) {
				continue;
			}
			if (entry.remaining != FaultRule.UNTIL_CLEARED && --entry.remaining == 0) {
				this.entries.remove(i);
			}
			return Optional.of(entry.rule);
		}
		return Optional.empty();
	}

	/**
	 * A rule in the plan as seen at one moment.
	 *
	 * @param id assigned by the plan, increasing
	 * @param remaining how many more matching requests it applies to, or
	 * {@link FaultRule#UNTIL_CLEARED}
	 */
	public record ActiveFault(long id, FaultRule rule, int remaining) {

	}

	// mutable on purpose: only touched while holding the plan's lock
	private static final class Entry {

		private final long id;

		private final FaultRule rule;

		private int remaining;

		Entry(long id, FaultRule rule, int remaining) {
			this.id = id;
			this.rule = rule;
			this.remaining = remaining;
		}

		ActiveFault snapshot() {
			return new ActiveFault(this.id, this.rule, this.remaining);
		}

	}

}
