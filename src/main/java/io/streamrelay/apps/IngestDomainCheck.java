package io.streamrelay.apps;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Push URLs belong on the app's ingest domain; the streaming (playback) domain only plays
 * what reaches an ingest domain it is associated with (docs/aliyun-mpu-api.md §9).
 * Against the real vendor every app must name {@code ingest-domain}: start-up is refused
 * otherwise. With the emulator the streaming domain stands in, loudly.
 */
@Component
class IngestDomainCheck {

	private static final Logger log = LoggerFactory.getLogger(IngestDomainCheck.class);

	IngestDomainCheck(AppsProperties properties, Environment environment) {
		List<String> missing = missing(properties, Binder.get(environment));
		if (missing.isEmpty()) {
			return;
		}
		boolean aliyun = "aliyun".equals(environment.getProperty("streamrelay.upstream.mode"));
		String message = "streamrelay.apps." + String.join(", streamrelay.apps.", missing)
				+ ": ingest-domain is not set; push URLs belong on the ingest domain (the streaming domain is "
				+ "for playback and must be associated with an ingest domain)";
		if (aliyun) {
			throw new IllegalStateException(message + "; set ingest-domain for every app in aliyun mode");
		}
		log.warn("{}; in emulator mode the streaming domain is used for push URLs instead, which the real vendor "
				+ "would not accept", message);
	}

	private static String name(String appId) {
		String plain = "streamrelay.apps." + appId + ".ingest-domain";
		return ConfigurationPropertyName.isValid(plain) ? plain : "streamrelay.apps[" + appId + "].ingest-domain";
	}

	static List<String> missing(AppsProperties properties, Binder binder) {
		return properties.apps()
			.keySet()
			.stream()
			.sorted()
			.filter((appId) -> !binder.bind(name(appId), String.class).isBound())
			.toList();
	}

}
