package io.streamrelay.security;

import java.util.ArrayList;
import java.util.List;

import io.streamrelay.replicas.Replicas;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Insecure configurations stop the service at start-up, naming the problem and never
 * printing a secret.
 */
class SecurityStartupTest {

	static List<String> aliyun(String... more) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"spring.datasource.url=jdbc:h2:mem:security-startup;DB_CLOSE_DELAY=-1",
				"streamrelay.reconciler.enabled=false", "streamrelay.upstream.mode=aliyun",
				"streamrelay.upstream.access-key-id=LTAIstartupTest",
				"streamrelay.upstream.access-key-secret=startup-test-secret"));
		properties.addAll(List.of(more));
		return properties;
	}

	static String failure(List<String> properties) {
		Throwable thrown = catchThrowable(() -> Replicas.start(properties).close());
		assertThat(thrown).as("start-up must fail").isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable t = thrown; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Test
	void refusesAliyunModeWithoutApiKeys() {
		assertThat(failure(aliyun())).contains("needs at least one API key under streamrelay.security.api-keys");
	}

	@Test
	void refusesAliyunModeWithTheDevelopmentKey() {
		String message = failure(aliyun("streamrelay.security.api-keys[0].name=dev",
				"streamrelay.security.api-keys[0].sha256=" + DigestUtils.sha256Hex(DevelopmentKey.VALUE),
				"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=ADMIN"));
		assertThat(message).contains("the development key must not be used with streamrelay.upstream.mode=aliyun");
	}

	@Test
	void refusesAliyunModeWhenTheSdkWouldSkipCertificateChecks() {
		String message = failure(aliyun(TestKeys.ADMIN_PROPERTIES.toArray(String[]::new)).stream()
			.collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), (list) -> {
				list.add("ALIBABACLOUD_JAVA_CORE_INGNORE_SSL=true");
				return list;
			})));
		assertThat(message).contains("ALIBABACLOUD_JAVA_CORE_INGNORE_SSL is set").doesNotContain("startup-test-secret");
	}

	@Test
	void refusesPlainHttpToTheRealVendor() {
		List<String> properties = aliyun(TestKeys.ADMIN_PROPERTIES.toArray(String[]::new));
		properties.add("streamrelay.upstream.protocol=HTTP");
		properties.add("streamrelay.upstream.endpoint=live.aliyuncs.com");
		assertThat(failure(properties))
			.contains("protocol=HTTP is allowed in aliyun mode only for a loopback endpoint");
	}

	@Test
	void refusesAModeSpelledLooselySoThatTheDevelopmentKeyCannotSlipIntoAliyunMode() {
		List<String> properties = aliyun();
		properties.add("streamrelay.upstream.mode=ali-yun");
		assertThat(failure(properties)).contains("streamrelay.upstream.mode must be exactly 'emulator' or 'aliyun'");
	}

	@Test
	void refusesTimingsUnderWhichAnInFlightRequestCouldBeTakenForACrashedOne() {
		List<String> properties = aliyun(TestKeys.ADMIN_PROPERTIES.toArray(String[]::new));
		properties.remove("streamrelay.reconciler.enabled=false");
		properties.add("streamrelay.upstream.read-timeout=30s");
		assertThat(failure(properties))
			.contains("streamrelay.reconciler.grace (PT2M) must exceed the longest vendor request");
	}

	@Test
	void refusesAnIdempotencyLockShorterThanTheLongestRequest() {
		List<String> properties = aliyun(TestKeys.ADMIN_PROPERTIES.toArray(String[]::new));
		properties.add("streamrelay.idempotency.lock-timeout=30s");
		assertThat(failure(properties)).contains("streamrelay.idempotency.lock-timeout (PT30S) must exceed");
	}

	@Test
	void refusesAKeyThatIsNotAHash() {
		String message = failure(aliyun("streamrelay.security.api-keys[0].name=plain",
				"streamrelay.security.api-keys[0].sha256=my-plain-text-key",
				"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=WRITE"));
		assertThat(message).contains("sha256").contains("lowercase hex SHA-256");
	}

	@Test
	void startsInAliyunModeWithConfiguredKeysAndWithoutTheDevelopmentKey() {
		try (ConfigurableApplicationContext context = Replicas
			.start(aliyun(TestKeys.ADMIN_PROPERTIES.toArray(String[]::new)))) {
			ApiKeys keys = context.getBean(ApiKeys.class);
			assertThat(keys.find(TestKeys.ADMIN)).isPresent();
			assertThat(keys.find(DevelopmentKey.VALUE)).isEmpty();
		}
	}

}
