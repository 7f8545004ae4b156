package io.streamrelay.relaytask.api;

import java.time.Clock;

import io.streamrelay.apps.AppsProperties;
import io.streamrelay.apps.ConfiguredRelayApps;
import io.streamrelay.config.JsonConfiguration;
import io.streamrelay.relaytask.reconciliation.MaxDurations;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.vendor.RecordingGateway;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The real core and apps behind the API slice, with an in-memory store and a recording
 * gateway.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppsProperties.class)
@Import({ ConfiguredRelayApps.class, RelaySpecReader.class, RelayTaskViews.class, JsonConfiguration.class })
class ApiTestWiring {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	InMemoryRelayTasks relayTasks() {
		return new InMemoryRelayTasks();
	}

	@Bean
	io.streamrelay.relaycheck.RelayTargets relayTargets(io.streamrelay.apps.AppsProperties apps) {
		return new io.streamrelay.relaycheck.RelayTargets(apps);
	}

	/** No CDN check has run in the API slice. */
	@Bean
	io.streamrelay.relaytask.relaycheck.RelayChecks relayChecks() {
		return new io.streamrelay.relaytask.relaycheck.RelayChecks() {

			@Override
			public java.util.Optional<io.streamrelay.relaytask.relaycheck.RelayCheck> find(String appId,
					String taskId) {
				return java.util.Optional.empty();
			}

			@Override
			public void save(io.streamrelay.relaytask.relaycheck.RelayCheck check) {
			}

			@Override
			public int forgetInactive() {
				return 0;
			}

		};
	}

	@Bean
	MaxDurations maxDurations() {
		return MaxDurations.NONE;
	}

	@Bean
	RecordingGateway gateway() {
		return new RecordingGateway();
	}

	@Bean
	RelayTaskService relayTaskService(InMemoryRelayTasks tasks, RecordingGateway gateway, RelayApps apps, Clock clock) {
		return new RelayTaskService(tasks, gateway, apps, clock);
	}

}
