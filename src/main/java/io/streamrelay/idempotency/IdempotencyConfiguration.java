package io.streamrelay.idempotency;

import java.time.Clock;

import io.streamrelay.routes.ApiRoutes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires idempotent requests: the key store, the filter on {@code /v1/apps/*} and the
 * cleanup of expired keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfiguration {

	@Bean
	IdempotencyKeys idempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, IdempotencyProperties properties) {
		return new IdempotencyKeys(jdbc, json, clock, properties);
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, ApiRoutes routes,
			JsonMapper json) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(keys, routes, new Fingerprints(json), new IdempotencyProblems()));
		registration.addUrlPatterns("/v1/apps/*");
		registration.setOrder(IdempotencyFilter.ORDER);
		registration.setName("idempotencyFilter");
		return registration;
	}

	@Bean
	IdempotencyCleanup idempotencyCleanup(IdempotencyKeys keys, IdempotencyProperties properties) {
		return new IdempotencyCleanup(keys, properties);
	}

}
