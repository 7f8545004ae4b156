package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.streamrelay.StreamRelayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole application (component and properties scan included) in each upstream mode. */
class EmulatorModeSelectionTest {

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(StreamRelayApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:modeselection;DB_CLOSE_DELAY=-1", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	private static long emulatorBeans(ConfigurableApplicationContext context) {
		return Arrays.stream(context.getBeanDefinitionNames())
			.map(context::getType)
			.filter((type) -> type != null && type.getPackageName().equals("io.streamrelay.emulator"))
			.count();
	}

	@ParameterizedTest
	@CsvSource({ "streamrelay.upstream.mode=emulator", "streamrelay.other=unset" })
	void emulatorIsTheDefaultAndRegisteredOnce(String property) {
		try (ConfigurableApplicationContext context = run(property)) {
			assertThat(context.getBeansOfType(EmulatorState.class)).hasSize(1);
			assertThat(context.getBeansOfType(EmulatorProperties.class)).hasSize(1);
			assertThat(context.getBeansOfType(MpuApiController.class)).hasSize(1);
			assertThat(context.getBean(EmulatorProperties.class).accessKeyId()).isEqualTo("LTAIemulatorKey");
		}
	}

	@Test
	void aliyunModeHasNoEmulatorBeans() {
		try (ConfigurableApplicationContext context = run("streamrelay.upstream.mode=aliyun")) {
			assertThat(emulatorBeans(context)).isZero();
		}
	}

	@Test
	void propertiesNeverPrintTheSecret() {
		EmulatorProperties properties = new EmulatorProperties("id", "top-secret", 1, 1, java.time.Duration.ZERO,
				java.time.Duration.ZERO);

		assertThat(properties.toString()).doesNotContain("top-secret").contains("id");
	}

}
