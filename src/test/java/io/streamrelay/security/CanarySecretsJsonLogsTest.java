package io.streamrelay.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary run again with Spring Boot's structured (ECS JSON) console logs: the
 * redaction holds in JSON lines too.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class CanarySecretsJsonLogsTest extends CanarySecretsTest {

	/**
	 * Boot keeps the format in a system property once set: later test contexts of this
	 * JVM would log JSON too.
	 */
	@AfterAll
	static void plainLinesAgain() {
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	@Override
	void noSecretAppearsInResponsesHistoryActuatorOrLogs(CapturedOutput output) throws Exception {
		super.noSecretAppearsInResponsesHistoryActuatorOrLogs(output);
		assertThat(output.getOut()).as("the log lines are Boot's ECS JSON")
			.contains("{\"@timestamp\":\"")
			.contains("\"ecs\":{\"version\":")
			.containsPattern("\"message\":\"Vendor call StartLiveMPUTask app=canary-app task=\\S+ outcome=ok")
			.containsPattern("\"requestId\":\"[0-9a-f-]{36}\"");
	}

}
