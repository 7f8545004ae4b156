package io.streamrelay.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a refused configuration as Spring Boot's "APPLICATION FAILED TO START" box:
 * every problem at once, no stack trace.
 */
class StartupRefusedAnalyzer extends AbstractFailureAnalyzer<StartupRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupRefused cause) {
		StringBuilder description = new StringBuilder("streamrelay refuses this configuration (")
			.append(cause.problems().size())
			.append(cause.problems().size() == 1 ? " problem" : " problems")
			.append("):\n");
		cause.problems().forEach((problem) -> description.append("\n  - ").append(problem));
		return new FailureAnalysis(description.toString(),
				"Fix every setting listed above (README: Configuration, Security, Running in production) and start"
						+ " again.",
				null);
	}

}
