package io.streamrelay.emulator;

/**
 * How the emulator waits out an injected fault's latency and what it reports once a
 * faulted request has been dealt with: outside tests it sleeps, tests hold requests
 * behind latches instead of racing a clock.
 */
public interface FaultPacing {

	/** Sleeps the rule's latency: the emulator's behaviour outside tests. */
	FaultPacing SLEEP = (rule) -> Thread.sleep(rule.latencyMs());

	/** Waits out the latency of a rule whose {@code latencyMs} is positive. */
	void delay(FaultRule rule) throws InterruptedException;

	/**
	 * Called once the faulted request's operation, where the fault lets it run, has run
	 * and its answer is decided.
	 */
	default void settled(FaultRule rule) {
	}

}
