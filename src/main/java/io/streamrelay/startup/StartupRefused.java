package io.streamrelay.startup;

import java.util.List;

/** The configuration cannot work: every problem found, none of them quoting a secret. */
public class StartupRefused extends RuntimeException {

	private final List<String> problems;

	StartupRefused(List<String> problems) {
		super(String.join("\n", problems), null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
