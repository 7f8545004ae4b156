package io.streamrelay.startup;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Settings that work but are probably not what an operator meant: one warning each. */
@Component
class StartupWarnings implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(StartupWarnings.class);

	private final Environment environment;

	StartupWarnings(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String mode = this.environment.getProperty("streamrelay.upstream.mode", "emulator").toLowerCase(Locale.ROOT);
		String url = this.environment.getProperty("spring.datasource.url", "");
		if (mode.equals("aliyun") && url.startsWith("jdbc:h2:file:")) {
			log.warn("streamrelay.upstream.mode=aliyun runs on the H2 file database {}: one replica only, no backups"
					+ " or failover; use PostgreSQL in production (README: Database)", url);
		}
	}

}
