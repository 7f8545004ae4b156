package io.streamrelay.routes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Provides {@link ApiRoutes} over the DispatcherServlet's request mappings. */
@Configuration(proxyBeanMethods = false)
class WebRoutesConfiguration {

	/**
	 * The mapping is looked up lazily: the filters that use the routes are built before
	 * MVC's infrastructure, and need it only once requests arrive.
	 */
	@Bean
	ApiRoutes apiRoutes(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mapping) {
		return new ApiRoutes(SingletonSupplier.of(mapping::getObject));
	}

}
