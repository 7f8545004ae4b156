package io.streamrelay.emulator;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The emulator's event subscription, its callbacks and its CDN online-stream list; part
 * of {@link EmulatorConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EmulatorMode
@EnableConfigurationProperties(EmulatorEventsProperties.class)
@Import(EmulatorEventsController.class)
class EmulatorEventsConfiguration {

	@Bean
	EmulatedSubscriptions emulatedSubscriptions(EmulatorEventsProperties properties) {
		return new EmulatedSubscriptions(properties.maxDeliveries(), Clock.systemUTC());
	}

	@Bean
	CallbackFaults emulatorCallbackFaults() {
		return new CallbackFaults();
	}

	@Bean(destroyMethod = "shutdown")
	CallbackDispatcher emulatorCallbackDispatcher(EmulatedSubscriptions subscriptions, CallbackFaults faults,
			EmulatorState state, EmulatorEventsProperties properties) {
		CallbackDispatcher dispatcher = new CallbackDispatcher(subscriptions, faults, Clock.systemUTC());
		if (properties.callbacks()) {
			state.addListener(dispatcher);
		}
		return dispatcher;
	}

	@Bean
	OnlineStreams emulatorOnlineStreams(EmulatorState state, EmulatorEventsProperties properties) {
		OnlineStreams online = new OnlineStreams(properties.onlineDelay(), Clock.systemUTC());
		state.addListener(online);
		return online;
	}

	@Bean
	EventSubOperations emulatorEventSubOperations(EmulatedSubscriptions subscriptions) {
		return new EventSubOperations(subscriptions, Clock.systemUTC());
	}

}
