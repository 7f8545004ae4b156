package io.streamrelay.upstream.aliyun;

import java.util.function.Supplier;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.policy.retry.RetryPolicy;
import com.aliyuncs.profile.DefaultProfile;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.upstream.resilience.ResilientLiveRelayGateway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the Alibaba Cloud SDK client and the {@link LiveRelayGateway} from
 * {@link UpstreamProperties} and the {@code resilience4j.*} instances
 * (docs/resilience.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class AliyunUpstreamConfiguration {

	@Bean(destroyMethod = "shutdown")
	DefaultAcsClient aliyunAcsClient(UpstreamProperties properties, Environment environment) {
		refuseAmbiguousMode(environment);
		refuseCertificateCheckBypass(properties, environment);
		UpstreamCredentials credentials = UpstreamCredentials.resolve(properties, environment);
		DefaultProfile profile = DefaultProfile.getProfile(properties.regionId(), credentials.accessKeyId(),
				credentials.accessKeySecret());
		DefaultAcsClient client = new DefaultAcsClient(profile);
		// Retries belong to the resilience layer above the gateway, which knows which
		// calls are idempotent.
		client.setSysRetryPolicy(RetryPolicy.none());
		return client;
	}

	/**
	 * The only {@link LiveRelayGateway} bean: the SDK gateway wrapped in retry, circuit
	 * breaker and rate limiters. The SDK gateway itself is deliberately not a bean, so
	 * nothing can inject it and bypass the guards.
	 */
	@Bean
	LiveRelayGateway liveRelayGateway(DefaultAcsClient aliyunAcsClient, UpstreamProperties properties,
			Environment environment, RetryRegistry retryRegistry, CircuitBreakerRegistry circuitBreakerRegistry,
			RateLimiterRegistry rateLimiterRegistry, ObjectProvider<MeterRegistry> meterRegistry) {
		VendorCallObserver observer = new VendorCallObserver(meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
		return new ResilientLiveRelayGateway(
				new AliyunLiveRelayGateway(aliyunAcsClient, settings(properties, environment),
						listKeepsStopped(properties, environment), observer),
				retryRegistry, circuitBreakerRegistry, rateLimiterRegistry);
	}

	/**
	 * Unconfirmed vendor fact: without a setting, follow the emulator in emulator mode
	 * and take the cautious reading (listed proves nothing) against the real vendor.
	 */
	static boolean listKeepsStopped(UpstreamProperties properties, Environment environment) {
		if (properties.listKeepsStopped() != null) {
			return properties.listKeepsStopped();
		}
		if (properties.mode() == UpstreamProperties.Mode.EMULATOR) {
			// bound as the emulator binds it, so that every spelling Boot accepts counts
			return Binder.get(environment)
				.bind("streamrelay.emulator.list-includes-stopped", Boolean.class)
				.orElse(false);
		}
		return true;
	}

	/**
	 * Relaxed binding would read "ali-yun" as ALIYUN while text comparisons elsewhere
	 * (the emulator's condition) would not: only the two exact words are accepted.
	 */
	static void refuseAmbiguousMode(Environment environment) {
		String raw = environment.getProperty("streamrelay.upstream.mode");
		if (raw != null && !raw.equalsIgnoreCase("emulator") && !raw.equalsIgnoreCase("aliyun")) {
			throw new IllegalStateException("streamrelay.upstream.mode must be exactly 'emulator' or 'aliyun'");
		}
	}

	/**
	 * The SDK skips TLS certificate checks when this variable is set
	 * (docs/aliyun-mpu-api.md §7).
	 */
	static final String IGNORE_SSL_VARIABLE = "ALIBABACLOUD_JAVA_CORE_INGNORE_SSL";

	static void refuseCertificateCheckBypass(UpstreamProperties properties, Environment environment) {
		String bypass = environment.getProperty(IGNORE_SSL_VARIABLE);
		if (properties.mode() == UpstreamProperties.Mode.ALIYUN && bypass != null && !bypass.isBlank()
				&& !"false".equalsIgnoreCase(bypass.trim())) {
			throw new IllegalStateException(IGNORE_SSL_VARIABLE + " is set: the vendor SDK would skip TLS certificate"
					+ " checks; unset it to run with streamrelay.upstream.mode=aliyun");
		}
	}

	static CallSettings settings(UpstreamProperties properties, Environment environment) {
		if (properties.mode() == UpstreamProperties.Mode.EMULATOR) {
			return new CallSettings(emulatorEndpoint(environment), ProtocolType.HTTP, properties.connectTimeout(),
					properties.readTimeout());
		}
		ProtocolType protocol = properties.protocol() == UpstreamProperties.Protocol.HTTP ? ProtocolType.HTTP
				: ProtocolType.HTTPS;
		if (protocol == ProtocolType.HTTP && !isLoopback(properties.endpoint())) {
			// signed requests and stream URLs must not cross a network in clear text
			throw new IllegalStateException("streamrelay.upstream.protocol=HTTP is allowed in aliyun mode only for a"
					+ " loopback endpoint (a local fake of the vendor); use HTTPS for " + properties.endpoint());
		}
		return CallSettings.fixed(properties.endpoint(), protocol, properties.connectTimeout(),
				properties.readTimeout());
	}

	static boolean isLoopback(String endpoint) {
		String host = endpoint.startsWith("[") ? endpoint.substring(0, endpoint.indexOf(']') + 1)
				: endpoint.contains(":") ? endpoint.substring(0, endpoint.lastIndexOf(':')) : endpoint;
		return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
	}

	/**
	 * Read on every call: local.server.port appears only after the web server started
	 * (random in tests).
	 */
	static Supplier<String> emulatorEndpoint(Environment environment) {
		return () -> "127.0.0.1:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
	}

}
