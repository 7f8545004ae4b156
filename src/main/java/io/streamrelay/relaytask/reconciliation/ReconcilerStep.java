package io.streamrelay.relaytask.reconciliation;

/**
 * Work a reconciliation run does before it looks at tasks, under the same lock: e.g.
 * applying the vendor's event records, so that a task the vendor ended is settled from
 * its event (with the vendor's codes) before the list is read.
 */
public interface ReconcilerStep {

	/** One pass; failures are the step's own business and must not escape. */
	void run();

}
