package io.streamrelay.lifecycle;

import java.util.Random;

import io.streamrelay.emulator.FaultRule;
import io.streamrelay.emulator.FaultRule.Kind;
import io.streamrelay.emulator.FaultRule.When;

/**
 * Emulator faults of every kind for the lifecycle workload: on one Action or any, for a
 * few calls (so that some outlast the service's retries), before the vendor acts or after
 * (its answer lost).
 */
final class Faults {

	private static final String[] ACTIONS = { "StartLiveMPUTask", "UpdateLiveMPUTask", "StopLiveMPUTask",
			"ListRtcMPUTaskDetail", null };

	private Faults() {
	}

	static FaultRule random(Random random) {
		String action = ACTIONS[random.nextInt(ACTIONS.length)];
		int roll = random.nextInt(100);
		if (roll < 2) {
			// longer than the read timeout the test configures: an unknown outcome
			return new FaultRule(action, Kind.LATENCY, 1, 1200, When.AFTER);
		}
		Kind kind = new Kind[] { Kind.INTERNAL_ERROR, Kind.SERVICE_UNAVAILABLE, Kind.THROTTLING, Kind.DROP_CONNECTION,
				Kind.GARBAGE }[random.nextInt(5)];
		// throttling is the vendor refusing before it acts: never after
		When when = (kind != Kind.THROTTLING && random.nextBoolean()) ? When.AFTER : When.BEFORE;
		return new FaultRule(action, kind, 1 + random.nextInt(4), 0, when);
	}

	static String name(FaultRule rule) {
		return rule.kind().name().toLowerCase() + "/" + rule.when().name().toLowerCase();
	}

}
