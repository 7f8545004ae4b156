package io.streamrelay.apps;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.streamrelay.relaytask.spec.RelayApps;

import org.springframework.stereotype.Component;

/** The RTC applications from {@code streamrelay.apps}, validated at start-up. */
@Component
public class ConfiguredRelayApps implements RelayApps {

	private final Map<String, ConfiguredApp> apps = new TreeMap<>();

	ConfiguredRelayApps(AppsProperties properties, Clock clock) {
		properties.apps().forEach((appId, settings) -> this.apps.put(appId, new ConfiguredApp(appId, settings, clock)));
	}

	@Override
	public Optional<RelayApps.RelayApp> find(String appId) {
		return Optional.ofNullable(this.apps.get(appId));
	}

	/** The full settings view of an app, for playback URLs and redaction. */
	public Optional<ConfiguredApp> app(String appId) {
		return Optional.ofNullable(this.apps.get(appId));
	}

}
