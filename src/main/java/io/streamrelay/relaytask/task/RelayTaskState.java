package io.streamrelay.relaytask.task;

/** Lifecycle state of a relay task as this service knows it. */
public enum RelayTaskState {

	STARTING, ACTIVE, UPDATING, STOPPING, STOPPED, FAILED;

	/** The states of a vendor call in flight or of unknown outcome. */
	public static final java.util.Set<RelayTaskState> TRANSITIONAL = java.util.Collections
		.unmodifiableSet(java.util.EnumSet.of(STARTING, UPDATING, STOPPING));

	/** Whether the vendor may be running (or about to run) this task. */
	public boolean mayBeRunning() {
		return this != STOPPED && this != FAILED;
	}

	/** Whether a vendor call for this task is in flight or its outcome is unknown. */
	public boolean isTransitional() {
		return TRANSITIONAL.contains(this);
	}

}
