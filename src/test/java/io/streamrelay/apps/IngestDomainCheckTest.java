package io.streamrelay.apps;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push URLs belong on the ingest domain (docs/aliyun-mpu-api.md §9): an app without
 * {@code ingest-domain} stops an aliyun-mode start-up and is only tolerated, with a
 * warning, against the emulator.
 */
class IngestDomainCheckTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Wiring.class);

	@Test
	void aliyunModeRefusesAnAppWithoutIngestDomain() {
		this.runner
			.withPropertyValues("streamrelay.upstream.mode=aliyun",
					"streamrelay.apps.my-app.streaming-domain=play.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("streamrelay.apps.my-app")
					.hasMessageContaining("ingest-domain is not set");
			});
	}

	@Test
	void aliyunModeStartsWhenEveryAppNamesItsIngestDomain() {
		this.runner
			.withPropertyValues("streamrelay.upstream.mode=aliyun",
					"streamrelay.apps.my-app.streaming-domain=play.example.com",
					"streamrelay.apps.my-app.ingest-domain=push.example.com")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void emulatorModeToleratesTheFallbackAndNamesTheApp() {
		this.runner.withPropertyValues("streamrelay.apps.my-app.streaming-domain=play.example.com").run((context) -> {
			assertThat(context).hasNotFailed();
			AppsProperties properties = context.getBean(AppsProperties.class);
			assertThat(IngestDomainCheck.missing(properties,
					org.springframework.boot.context.properties.bind.Binder.get(context.getEnvironment())))
				.containsExactly("my-app");
		});
	}

	@EnableConfigurationProperties(AppsProperties.class)
	@Import(IngestDomainCheck.class)
	static class Wiring {

	}

}
