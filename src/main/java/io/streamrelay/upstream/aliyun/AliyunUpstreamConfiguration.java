package io.streamrelay.upstream.aliyun;

import java.util.function.Supplier;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.policy.retry.RetryPolicy;
import com.aliyuncs.profile.DefaultProfile;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.streamrelay.relaytask.LiveRelayGateway;

/** Wires the Alibaba Cloud SDK client and the {@link LiveRelayGateway} from {@link UpstreamProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class AliyunUpstreamConfiguration {

	@Bean(destroyMethod = "shutdown")
	DefaultAcsClient aliyunAcsClient(UpstreamProperties properties, Environment environment) {
		UpstreamCredentials credentials = UpstreamCredentials.resolve(properties, environment);
		DefaultProfile profile = DefaultProfile.getProfile(properties.regionId(), credentials.accessKeyId(),
				credentials.accessKeySecret());
		DefaultAcsClient client = new DefaultAcsClient(profile);
		// Retries belong to the resilience layer above the gateway, which knows which calls are idempotent.
		client.setSysRetryPolicy(RetryPolicy.none());
		return client;
	}

	@Bean
	LiveRelayGateway liveRelayGateway(DefaultAcsClient aliyunAcsClient, UpstreamProperties properties,
			Environment environment) {
		return new AliyunLiveRelayGateway(aliyunAcsClient, settings(properties, environment));
	}

	static CallSettings settings(UpstreamProperties properties, Environment environment) {
		if (properties.mode() == UpstreamProperties.Mode.EMULATOR) {
			return new CallSettings(emulatorEndpoint(environment), ProtocolType.HTTP, properties.connectTimeout(),
					properties.readTimeout());
		}
		ProtocolType protocol = properties.protocol() == UpstreamProperties.Protocol.HTTP ? ProtocolType.HTTP
				: ProtocolType.HTTPS;
		return CallSettings.fixed(properties.endpoint(), protocol, properties.connectTimeout(),
				properties.readTimeout());
	}

	/** Read on every call: local.server.port appears only after the web server started (random in tests). */
	static Supplier<String> emulatorEndpoint(Environment environment) {
		return () -> "127.0.0.1:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
	}

}
