package io.streamrelay.relaytask.task;

import io.streamrelay.redaction.Redaction;

/**
 * A destination URL that one of our own running tasks already pushes to: the vendor
 * refuses a second task on the same stream URL, and a refused call is still billed.
 */
public final class DestinationInUse extends RuntimeException {

	private final String destination;

	private final String usedBy;

	/**
	 * {@code usedBy} is the task id when the caller's app owns it, or null for another
	 * app's task (its id is not the caller's business).
	 */
	public DestinationInUse(String destination, String usedBy) {
		super("The destination " + Redaction.text(destination) + " is already used by "
				+ (usedBy == null ? "a running task of another app" : "the running task '" + usedBy + "'")
				+ "; stop that task first, or choose another destination", null, false, false);
		this.destination = Redaction.text(destination);
		this.usedBy = usedBy;
	}

	/** The destination, redacted. */
	public String destination() {
		return this.destination;
	}

	public String usedBy() {
		return this.usedBy;
	}

}
