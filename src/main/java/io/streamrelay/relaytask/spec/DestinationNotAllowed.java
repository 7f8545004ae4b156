package io.streamrelay.relaytask.spec;

import java.util.List;

/**
 * A destination or image URL breaks the app's destination policy; nothing was sent to the
 * vendor.
 */
public final class DestinationNotAllowed extends RuntimeException {

	private final List<Violation> violations;

	public DestinationNotAllowed(List<Violation> violations) {
		super(violations.get(0).field() + " " + violations.get(0).rule(), null, false, false);
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
