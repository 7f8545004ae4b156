package io.streamrelay.config;

import java.time.Clock;

import io.streamrelay.relaytask.LiveRelayGateway;
import io.streamrelay.relaytask.RelayApps;
import io.streamrelay.relaytask.RelayTaskService;
import io.streamrelay.relaytask.RelayTasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free core to its adapters. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RelayTaskService relayTaskService(RelayTasks tasks, LiveRelayGateway gateway, RelayApps apps, Clock clock) {
		return new RelayTaskService(tasks, gateway, apps, clock);
	}

}
