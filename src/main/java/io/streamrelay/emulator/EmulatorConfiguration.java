package io.streamrelay.emulator;

import java.time.Clock;
import java.time.Duration;

import io.streamrelay.security.ApiSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires the MPU emulator; present only in emulator mode
 * ({@code streamrelay.upstream.mode=emulator}, the default).
 */
@Configuration(proxyBeanMethods = false)
@EmulatorMode
@EnableConfigurationProperties(EmulatorProperties.class)
@Import({ MpuApiController.class, EmulatorControlController.class, EmulatorFaultController.class,
		EmulatorEventsConfiguration.class, EmulatorJoinController.class })
public class EmulatorConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmulatorConfiguration.class);

	/**
	 * The service's default body cap, for an emulator running without the security layer
	 * (tests).
	 */
	static final int STANDALONE_MAX_BODY_BYTES = 65_536;

	// ~110 requests/s over the whole replay window; beyond that the oldest nonces are
	// forgotten. At most ~35 MB: an entry of the longest nonce accepted takes ~180 bytes
	static final int MAX_REMEMBERED_NONCES = 200_000;

	@Bean
	EmulatorState emulatorState(EmulatorProperties properties) {
		return new EmulatorState(properties, Clock.systemUTC());
	}

	@Bean
	RequestAuthenticator emulatorRequestAuthenticator(EmulatorProperties properties) {
		// a nonce only needs remembering while its timestamp could still be accepted
		Duration retention = properties.timestampSkew().multipliedBy(2);
		return new RequestAuthenticator(properties, new NonceCache(retention, MAX_REMEMBERED_NONCES),
				Clock.systemUTC());
	}

	@Bean
	FilterRegistrationBean<EmulatorRequestFilter> emulatorRequestFilter(EmulatorProperties properties,
			ObjectProvider<ApiSecurityProperties> security) {
		// one body cap for the whole service: the emulator's paths follow max-body-bytes
		ApiSecurityProperties limits = security.getIfAvailable();
		int maxBodyBytes = (limits != null) ? limits.maxBodyBytes() : STANDALONE_MAX_BODY_BYTES;
		if (properties.allowRemoteCallers()) {
			log.warn("streamrelay.emulator.allow-remote-callers=true: the emulator answers every host that reaches "
					+ "this port. Its vendor endpoint (/) asks only for a signature made with its AccessKey pair "
					+ "(the default pair is public): whoever has it reads every simulated relay's destination URLs, "
					+ "stream keys and auth_key tokens included, and starts, changes and stops any app's tasks. "
					+ "The control endpoints (/emulator/**) still need an ADMIN API key.");
		}
		FilterRegistrationBean<EmulatorRequestFilter> registration = new FilterRegistrationBean<>(
				new EmulatorRequestFilter(properties.allowRemoteCallers(), maxBodyBytes));
		registration.setOrder(EmulatorRequestFilter.ORDER);
		return registration;
	}

	@Bean
	FaultPlan emulatorFaultPlan(EmulatorProperties properties) {
		return new FaultPlan(properties.faults());
	}

	@Bean
	MpuOperations emulatorMpuOperations(EmulatorState state, EmulatorProperties properties,
			EventSubOperations subscriptions, OnlineStreams online) {
		return new MpuOperations(state, properties.listIncludesStopped(), (action, params, body) -> {
			if (EventSubOperations.ACTIONS.contains(action)) {
				subscriptions.execute(action, params, body);
			}
			else {
				online.describe(params, body);
			}
		});
	}

}
