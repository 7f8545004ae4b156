package io.streamrelay.startup;

import java.nio.file.Path;

import io.streamrelay.StreamRelayApplication;
import io.streamrelay.security.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A configuration that cannot work is refused before any bean is built, with every
 * problem at once in Spring Boot's failure box, never a stack trace or a rejected hash.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTest {

	static final String MEMORY = "--spring.datasource.url=jdbc:h2:mem:startup;DB_CLOSE_DELAY=-1";

	static final String PASTED_KEY = "sr-live-PASTED-KEY-INSTEAD-OF-ITS-HASH";

	@Test
	void everyProblemIsReportedAtOnceInTheFailureBoxWithoutEchoingTheRejectedHash(CapturedOutput output) {
		Throwable thrown = catchThrowable(
				() -> start("--streamrelay.upstream.mode=aliyun", "--streamrelay.security.api-keys[0].name=ops",
						"--streamrelay.security.api-keys[0].sha256=" + PASTED_KEY,
						"--streamrelay.security.api-keys[0].apps[0]=*", "--streamrelay.security.api-keys[0].role=ADMIN",
						"--ALIBABACLOUD_JAVA_CORE_INGNORE_SSL=true", "--streamrelay.upstream.access-key-id=",
						"--streamrelay.upstream.access-key-secret=")
					.close());

		assertThat(thrown).isInstanceOf(StartupRefused.class);
		assertThat(((StartupRefused) thrown).problems()).hasSize(3);
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("streamrelay refuses this configuration (3 problems)")
			.contains("streamrelay.security.api-keys[0].sha256 (key 'ops') must be the lowercase hex SHA-256")
			.contains("needs an AccessKey")
			.contains("ALIBABACLOUD_JAVA_CORE_INGNORE_SSL is set")
			.doesNotContain(PASTED_KEY)
			.doesNotContain("\tat io.streamrelay");
	}

	@Test
	void aMistypedModeIsReportedAsSuch(CapturedOutput output) {
		Throwable thrown = catchThrowable(() -> start("--streamrelay.upstream.mode=ali-yun", MEMORY).close());

		assertThat(thrown).isInstanceOf(StartupRefused.class);
		assertThat(output.getOut() + output.getErr())
			.contains("streamrelay.upstream.mode must be exactly 'emulator' or 'aliyun'");
	}

	@Test
	void aliyunModeOnTheH2FileDatabaseStartsWithAWarning(CapturedOutput output, @TempDir Path data) {
		String[] args = { "--streamrelay.upstream.mode=aliyun", "--streamrelay.upstream.endpoint=127.0.0.1:9",
				"--streamrelay.upstream.protocol=HTTP", "--streamrelay.upstream.access-key-id=LTAIwarningTest",
				"--streamrelay.upstream.access-key-secret=warning-test-secret",
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE" };
		String[] keys = TestKeys.ADMIN_PROPERTIES.stream().map((p) -> "--" + p).toArray(String[]::new);
		String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(keys))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = start(all)) {
			assertThat(context.isActive()).isTrue();
			assertThat(output.getOut()).contains("streamrelay.upstream.mode=aliyun runs on the H2 file database");
		}
	}

	static ConfigurableApplicationContext start(String... args) {
		String[] common = { "--server.port=0", "--spring.main.banner-mode=off",
				"--streamrelay.reconciler.enabled=false" };
		String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.Arrays.stream(args))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(StreamRelayApplication.class).run(all);
	}

}
