package io.streamrelay.emulator;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
@Import({ MpuApiController.class, EmulatorControlController.class, EmulatorFaultController.class })
public class EmulatorConfiguration {

	// enough for ~1000 requests/s over the whole replay window; beyond that the oldest
	// nonces are forgotten
	private static final int MAX_REMEMBERED_NONCES = 2_000_000;

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
	FaultPlan emulatorFaultPlan(EmulatorProperties properties) {
		return new FaultPlan(properties.faults());
	}

	@Bean
	MpuOperations emulatorMpuOperations(EmulatorState state, EmulatorProperties properties) {
		return new MpuOperations(state, properties.listIncludesStopped());
	}

}
