package io.streamrelay.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding and start-up validation of {@code streamrelay.idempotency.*}. */
class IdempotencyPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Enable.class);

	@Test
	void defaultsAreOneDayTwoMinutesAndTenMinutes() {
		this.runner.run((context) -> {
			IdempotencyProperties properties = context.getBean(IdempotencyProperties.class);
			assertThat(properties.ttl()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.lockTimeout()).isEqualTo(Duration.ofMinutes(2));
			assertThat(properties.cleanupInterval()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.cleanupBatchSize()).isEqualTo(500);
		});
	}

	@Test
	void acceptsTheSmallestAllowedValues() {
		this.runner.withPropertyValues("streamrelay.idempotency.ttl=1m", "streamrelay.idempotency.lock-timeout=5s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamrelay.idempotency.ttl=59s", "streamrelay.idempotency.lock-timeout=4s",
			"streamrelay.idempotency.cleanup-interval=0s", "streamrelay.idempotency.cleanup-batch-size=0" })
	void refusesToStartBelowTheMinimum(String setting) {
		this.runner.withPropertyValues(setting).run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IdempotencyProperties.class)
	static class Enable {

	}

}
