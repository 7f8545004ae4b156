package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Starts the whole application (component and properties scan included) in each upstream
 * mode.
 */
class EmulatorModeSelectionTest {

	private static long emulatorBeans(ApplicationContext context) {
		return Arrays.stream(context.getBeanDefinitionNames())
			.map(context::getType)
			.filter((type) -> type != null && type.getPackageName().equals("io.streamrelay.emulator"))
			.count();
	}

	@Nested
	@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:modeselection-default;DB_CLOSE_DELAY=-1")
	class DefaultMode {

		@Autowired
		ApplicationContext context;

		@Test
		void emulatorIsTheDefaultAndRegisteredOnce() {
			assertThat(this.context.getBeansOfType(EmulatorState.class)).hasSize(1);
			assertThat(this.context.getBeansOfType(EmulatorProperties.class)).hasSize(1);
			assertThat(this.context.getBeansOfType(MpuApiController.class)).hasSize(1);
			assertThat(this.context.getBeansOfType(EmulatorFaultController.class)).hasSize(1);
			assertThat(this.context.getBeansOfType(FaultPlan.class)).hasSize(1);
			assertThat(this.context.getBean(EmulatorProperties.class).accessKeyId()).isEqualTo("LTAIemulatorKey");
		}

	}

	@Nested
	@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:modeselection-aliyun;DB_CLOSE_DELAY=-1",
			"streamrelay.upstream.mode=aliyun", "streamrelay.upstream.access-key-id=LTAItestOnly",
			"streamrelay.upstream.access-key-secret=test-only-secret", "streamrelay.security.api-keys[0].name=ops",
			"streamrelay.security.api-keys[0].sha256=0000000000000000000000000000000000000000000000000000000000000000",
			"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=ADMIN" })
	class AliyunMode {

		@Autowired
		ApplicationContext context;

		@Test
		void aliyunModeHasNoEmulatorBeans() {
			assertThat(emulatorBeans(this.context)).isZero();
		}

	}

	@Test
	void propertiesNeverPrintTheSecret() {
		EmulatorProperties properties = new EmulatorProperties("id", "top-secret", 1, 1, java.time.Duration.ZERO,
				java.time.Duration.ZERO, java.util.List.of(), false, false);

		assertThat(properties.toString()).doesNotContain("top-secret").contains("id");
	}

}
