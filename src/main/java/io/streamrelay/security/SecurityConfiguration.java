package io.streamrelay.security;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.routes.ApiRoutes;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Spring Security for a stateless API: API keys instead of sessions, no CSRF, form or
 * basic login; the emulator endpoints (own signature check) and health probes are open;
 * metrics are for admin keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, ApiRoutes routes, SecurityProblems problems,
			RateLimiterRegistry limiters, ApiSecurityProperties properties) throws Exception {
		RateLimiterConfig perKey = RateLimiterConfig.custom()
			.limitForPeriod(properties.requestsPerSecondPerKey())
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(Duration.ZERO)
			.build();
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, routes, problems, limiters, perKey),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/info")
				.authenticated()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.requestMatchers("/v1/**")
				.authenticated()
				// the emulator's control endpoints are for operators; its vendor endpoint
				// authenticates by its
				// own signature check; both exist only in emulator mode
				.requestMatchers("/emulator/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/")
				.permitAll()
				// the vendor's event callbacks authenticate by the app's secret token in
				// the
				// path (io.streamrelay.events)
				.requestMatchers(HttpMethod.POST, "/callbacks/aliyun/mpu/*/*")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				// a path no route matches: with a valid key MVC answers 404 not-found;
				// without one 401, so that anonymous callers cannot map the routes
				.anyRequest()
				.authenticated())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> problems.unauthenticated(response,
						"Send an API key as Authorization: Bearer <key>"))
				.accessDeniedHandler((request, response, ex) -> problems.write(response, ProblemTypes.FORBIDDEN,
						"This API key may not use this endpoint", java.util.Map.of())));
		return http.build();
	}

	/**
	 * Requests the firewall refuses (unknown methods, encoded slashes, ';', '..', '//',
	 * control characters in headers) get a problem naming what and why.
	 */
	@Bean
	org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
		return new FirewallRefusals();
	}

	/** No users: keeps Boot from creating a default user with a generated password. */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	FilterRegistrationBean<RequestLimitsFilter> requestLimits(ApiSecurityProperties properties) {
		FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
				new RequestLimitsFilter(properties.maxBodyBytes(), properties.bodyReadTimeout()));
		// before Spring Security (-100) and the idempotency filter, which reads whole
		// bodies
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
