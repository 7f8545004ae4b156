package io.streamrelay.upstream.aliyun;

import java.time.Duration;

import com.aliyuncs.http.ProtocolType;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UpstreamPropertiesTest {

	private static UpstreamProperties aliyun(String id, String secret) {
		return new UpstreamProperties(UpstreamProperties.Mode.ALIYUN, null, null, null, null, null, id, secret);
	}

	@Test
	void defaultsToEmulatorOverHttpsWithShortTimeouts() {
		UpstreamProperties properties = new UpstreamProperties(null, null, null, null, null, null, null, null);

		assertThat(properties.mode()).isEqualTo(UpstreamProperties.Mode.EMULATOR);
		assertThat(properties.endpoint()).isEqualTo("live.aliyuncs.com");
		assertThat(properties.regionId()).isEqualTo("cn-shanghai");
		assertThat(properties.protocol()).isEqualTo(UpstreamProperties.Protocol.HTTPS);
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void rejectsZeroReadTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UpstreamProperties(null, null, null, null, null, Duration.ZERO, null, null))
			.withMessageContaining("read-timeout");
	}

	@Test
	void neverPrintsTheSecret() {
		UpstreamProperties properties = aliyun("LTAIid", "super-secret-value");

		assertThat(properties.toString()).doesNotContain("super-secret-value").contains("LTAIid");
		assertThat(UpstreamCredentials.resolve(properties, new MockEnvironment()).toString())
			.doesNotContain("super-secret-value");
	}

	@Test
	void takesAliyunCredentialsFromTheStandardEnvironmentVariables() {
		MockEnvironment environment = new MockEnvironment().withProperty("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv")
			.withProperty("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret");

		UpstreamCredentials credentials = UpstreamCredentials.resolve(aliyun(null, null), environment);

		assertThat(credentials).isEqualTo(new UpstreamCredentials("LTAIenv", "env-secret"));
	}

	@Test
	void refusesAliyunModeWithoutSecret() {
		MockEnvironment environment = new MockEnvironment().withProperty("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv");

		assertThatIllegalStateException().isThrownBy(() -> UpstreamCredentials.resolve(aliyun(null, ""), environment))
			.withMessageContaining("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
			.withMessageNotContaining("missing: ALIBABA_CLOUD_ACCESS_KEY_ID");
	}

	@Test
	void usesTheEmulatorKeyPairUnlessOverridden() {
		UpstreamProperties emulator = new UpstreamProperties(null, null, null, null, null, null, null, null);

		assertThat(UpstreamCredentials.resolve(emulator, new MockEnvironment()))
			.isEqualTo(new UpstreamCredentials("LTAIemulatorKey", "emulator-secret"));
		assertThat(UpstreamCredentials.resolve(emulator,
				new MockEnvironment().withProperty("streamrelay.emulator.access-key-secret", "other")))
			.isEqualTo(new UpstreamCredentials("LTAIemulatorKey", "other"));
	}

	@Test
	void resolvesTheEmulatorPortAtCallTime() {
		MockEnvironment environment = new MockEnvironment();
		UpstreamProperties emulator = new UpstreamProperties(null, "ignored.example.com", null, null, null, null, null,
				null);
		CallSettings settings = AliyunUpstreamConfiguration.settings(emulator, environment);

		environment.setProperty("local.server.port", "43210");

		assertThat(settings.endpoint().get()).isEqualTo("127.0.0.1:43210");
		assertThat(settings.protocol()).isEqualTo(ProtocolType.HTTP);
	}

	@Test
	void callsTheConfiguredEndpointInAliyunMode() {
		CallSettings settings = AliyunUpstreamConfiguration.settings(aliyun("id", "secret"), new MockEnvironment());

		assertThat(settings.endpoint().get()).isEqualTo("live.aliyuncs.com");
		assertThat(settings.protocol()).isEqualTo(ProtocolType.HTTPS);
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

}
