package io.streamrelay.routes;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@link ApiRoutes} over the request mappings of the real API controllers, for tests
 * without a web application: the controllers are registered lazily and never built.
 */
public final class TestRoutes {

	static final String[] API_CONTROLLERS = { "io.streamrelay.relaytask.api.RelayTaskController",
			"io.streamrelay.mputaskid.MpuTaskIdController", "io.streamrelay.emulator.MpuApiController" };

	private TestRoutes() {
	}

	public static ApiRoutes ofTheApi() {
		StaticApplicationContext context = new StaticApplicationContext();
		for (String name : API_CONTROLLERS) {
			RootBeanDefinition controller;
			try {
				controller = new RootBeanDefinition(Class.forName(name));
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("A controller was renamed; update TestRoutes", ex);
			}
			controller.setLazyInit(true);
			context.registerBeanDefinition(name, controller);
		}
		context.refresh();
		RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
		mapping.setApplicationContext(context);
		mapping.afterPropertiesSet();
		return new ApiRoutes(() -> mapping);
	}

}
