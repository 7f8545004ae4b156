package io.streamrelay.relaytask.spec;

import java.util.List;

/** The requested relay breaks one or more rules; nothing was sent to the vendor. */
public final class InvalidRelaySpec extends RuntimeException {

	private final List<Violation> violations;

	public InvalidRelaySpec(List<Violation> violations) {
		super(violations.size() + " rule(s) broken: " + violations.get(0).field() + " " + violations.get(0).rule(),
				null, false, false);
		this.violations = List.copyOf(violations);
	}

	public InvalidRelaySpec(String field, String rule) {
		this(List.of(new Violation(field, rule)));
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
