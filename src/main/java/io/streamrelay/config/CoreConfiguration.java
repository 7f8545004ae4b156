package io.streamrelay.config;

import java.time.Clock;

import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.usecase.ApplyDesiredState;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.usecase.SendSei;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;

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

	@Bean
	ApplyDesiredState applyDesiredState(RelayTasks tasks, RelayApps apps, RelayTaskService service) {
		return new ApplyDesiredState(tasks, apps, service);
	}

	@Bean
	SendSei sendSei(RelayTasks tasks, LiveRelayGateway gateway, Clock clock) {
		return new SendSei(tasks, gateway, clock);
	}

}
