package io.streamrelay.relaytask.reconciliation;

/**
 * What the reconciler does with a relay the vendor runs for an app but this service has
 * no record of: {@code REPORT} lists it only (the default), {@code STOP} stops it.
 */
public enum UnmanagedPolicy {

	REPORT, STOP;

	/** Whether the reconciler sends a StopLiveMPUTask for an unmanaged relay. */
	public boolean stops() {
		return this == STOP;
	}

}
