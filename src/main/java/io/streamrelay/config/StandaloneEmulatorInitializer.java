package io.streamrelay.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code streamrelay.emulator.standalone=true}: the same jar runs only the vendor
 * emulator (its signed endpoint at {@code /} and {@code /emulator/**}), a process of its
 * own that a service in aliyun mode calls over loopback HTTP. The service's beans are
 * left out of the component scan ({@link ServiceBeansExcluded}) and the database's
 * auto-configurations are excluded, so it needs no database.
 */
public class StandaloneEmulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY = "streamrelay.emulator.standalone";

	/** What a database would bring: none of it is created in standalone mode. */
	static final List<String> DATABASE_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration");

	private static final Logger log = LoggerFactory.getLogger(StandaloneEmulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!Binder.get(environment).bind(PROPERTY, Boolean.class).orElse(false)) {
			return;
		}
		String mode = environment.getProperty("streamrelay.upstream.mode");
		if (mode != null && !mode.equalsIgnoreCase("emulator")) {
			throw new IllegalStateException(PROPERTY + "=true runs the vendor emulator alone; it cannot be combined"
					+ " with streamrelay.upstream.mode=" + mode);
		}
		List<String> excluded = new ArrayList<>(Binder.get(environment)
			.bind("spring.autoconfigure.exclude", String[].class)
			.map(List::of)
			.orElse(List.of()));
		excluded.addAll(DATABASE_AUTO_CONFIGURATIONS);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.autoconfigure.exclude", String.join(",", excluded));
		settings.put("streamrelay.upstream.mode", "emulator");
		// no database to be ready for
		settings.put("management.endpoint.health.group.readiness.include", "readinessState");
		environment.getPropertySources().addFirst(new MapPropertySource("streamrelayStandaloneEmulator", settings));
		context.getBeanFactory().registerSingleton("streamrelayServiceBeansExcluded", new ServiceBeansExcluded());
		log.info("Standalone vendor emulator: no database, no /v1 API, no reconciler");
	}

}
