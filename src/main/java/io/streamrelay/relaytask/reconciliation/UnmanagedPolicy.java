package io.streamrelay.relaytask.reconciliation;

/**
 * What the reconciler does with a relay the vendor runs for an app but this service has
 * no record of: {@code REPORT} lists it only (the default), {@code ADOPT} creates a task
 * record for it (no vendor call), {@code STOP} stops it.
 */
public enum UnmanagedPolicy {

	REPORT, ADOPT, STOP;

	/** Whether the reconciler sends a StopLiveMPUTask for an unmanaged relay. */
	public boolean stops() {
		return this == STOP;
	}

	/** Whether the reconciler takes an unmanaged relay over as a task of its own. */
	public boolean adopts() {
		return this == ADOPT;
	}

}
