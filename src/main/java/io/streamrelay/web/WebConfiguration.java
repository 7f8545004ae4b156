package io.streamrelay.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every answer the service gives, error dispatches and blank errors included, is a
 * problem.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	AllowedMethods allowedMethods(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
		return new AllowedMethods(mappings);
	}

	@Bean
	FilterRegistrationBean<WholeAnswerFilter> wholeAnswerFilter() {
		FilterRegistrationBean<WholeAnswerFilter> registration = new FilterRegistrationBean<>(new WholeAnswerFilter());
		// outermost but the request id: every body written inside, the blank error
		// filter's included, is held and leaves whole through here
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BlankErrorFilter> blankErrorFilter() {
		FilterRegistrationBean<BlankErrorFilter> registration = new FilterRegistrationBean<>(new BlankErrorFilter());
		// next: whatever answers inside, a blank error leaves through here
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
