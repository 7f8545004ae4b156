package io.streamrelay.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Faults for the emulator's callbacks, taken one per delivery in the order they were
 * added: drop (not sent, recorded as failed), duplicate (sent twice with the same MsgId),
 * delay (sent later), reorder (held back and sent after the next delivery).
 */
final class CallbackFaults {

	/** What to do to one delivery. */
	enum Mode {

		DROP, DUPLICATE, DELAY, REORDER;

		static Mode parse(String text) {
			try {
				return valueOf(text.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				throw ApiError.invalidParam("mode must be one of drop, duplicate, delay, reorder.");
			}
		}

	}

	/** A fault for the next {@code times} deliveries. */
	record Fault(Mode mode, int times, Duration delay) {
	}

	private final Deque<Fault> faults = new ArrayDeque<>();

	synchronized void add(Fault fault) {
		if (fault.times() < 1 || fault.times() > 1000) {
			throw ApiError.invalidParam("times must be between 1 and 1000.");
		}
		if (fault.delay().isNegative() || fault.delay().compareTo(Duration.ofMinutes(5)) > 0) {
			throw ApiError.invalidParam("delayMs must be between 0 and 300000.");
		}
		this.faults.addLast(fault);
	}

	/** The fault for the next delivery, or null. */
	synchronized Fault take() {
		Fault head = this.faults.peekFirst();
		if (head == null) {
			return null;
		}
		this.faults.removeFirst();
		if (head.times() > 1) {
			this.faults.addFirst(new Fault(head.mode(), head.times() - 1, head.delay()));
		}
		return head;
	}

	synchronized List<Fault> list() {
		return List.copyOf(this.faults);
	}

	synchronized void clear() {
		this.faults.clear();
	}

}
