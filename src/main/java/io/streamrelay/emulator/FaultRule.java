package io.streamrelay.emulator;

import java.util.Objects;
import java.util.Set;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One fault to inject into emulated vendor calls: which Action it matches, what goes
 * wrong, how often and whether the vendor acts first.
 *
 * @param action the MPU Action it matches, or null for any authenticated request
 * @param kind what the client experiences
 * @param count how many matching requests it applies to, or {@link #UNTIL_CLEARED}
 * @param latencyMs delay before answering; the whole fault for {@link Kind#LATENCY},
 * added in front of the others
 * @param when whether the operation is executed before the fault replaces its answer
 */
public record FaultRule(String action, Kind kind, @DefaultValue("1") int count, long latencyMs,
		@DefaultValue("BEFORE") When when) {

	/** The count of a rule that applies until the plan is cleared. */
	public static final int UNTIL_CLEARED = -1;

	/** Upper bound of latencyMs, so a typo cannot park a server thread for hours. */
	public static final long MAX_LATENCY_MS = 120_000;

	static final Set<String> ACTIONS = MpuOperations.ACTIONS;

	/**
	 * What the client sees instead of (or in addition to, for LATENCY) the normal answer.
	 */
	public enum Kind {

		/** Sleep latencyMs, then answer normally. */
		LATENCY,
		/** HTTP 500 InternalError. */
		INTERNAL_ERROR,
		/** HTTP 503 ServiceUnavailable. */
		SERVICE_UNAVAILABLE,
		/** HTTP 400 Throttling.User, the vendor's flow control. */
		THROTTLING,
		/** The connection closes before the announced body is complete. */
		DROP_CONNECTION,
		/** HTTP 200 with a body that is not JSON. */
		GARBAGE

	}

	/** Whether the fault replaces the operation or only its answer. */
	public enum When {

		/** The vendor never executes the operation. */
		BEFORE,
		/**
		 * The vendor executes the operation and keeps its effect; only the answer is
		 * lost.
		 */
		AFTER

	}

	public FaultRule {
		if (action != null && !ACTIONS.contains(action)) {
			throw new InvalidFaultRule("action", "action must be one of " + ACTIONS + " or absent for any.");
		}
		if (kind == null) {
			throw new InvalidFaultRule("kind", "kind is required.");
		}
		if (count < UNTIL_CLEARED || count == 0) {
			throw new InvalidFaultRule("count", "count must be -1 (until cleared) or at least 1.");
		}
		if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
			throw new InvalidFaultRule("latencyMs", "latencyMs must be in [0, " + MAX_LATENCY_MS + "].");
		}
		when = Objects.requireNonNullElse(when, When.BEFORE);
	}

	/**
	 * A rule that fails every matching request with the kind, before the operation runs,
	 * until cleared.
	 */
	public static FaultRule always(String action, Kind kind) {
		return new FaultRule(action, kind, UNTIL_CLEARED, 0, When.BEFORE);
	}

	boolean matches(String requestAction) {
		return this.action == null || this.action.equals(requestAction);
	}

	/**
	 * A fault rule field with an unacceptable value; the field is named for operators.
	 */
	static final class InvalidFaultRule extends IllegalArgumentException {

		private final String field;

		InvalidFaultRule(String field, String message) {
			super(message);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
