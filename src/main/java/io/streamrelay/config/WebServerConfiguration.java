package io.streamrelay.config;

import io.streamrelay.security.ApiSecurityProperties;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers its own refusals as problems, leaves encoded slashes to the security
 * firewall, and stops waiting for a body that has stopped arriving.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages(ApiSecurityProperties security) {
		return (factory) -> {
			factory.addContextValves(new AbandonedBodyValve());
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
			factory.addConnectorCustomizers((connector) -> {
				connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
				if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
					// a body read that waits longer than this fails with 408; the
					// limits filter bounds the whole body by the same time
					http.setDisableUploadTimeout(false);
					http.setConnectionUploadTimeout(Math.toIntExact(security.bodyReadTimeout().toMillis()));
				}
			});
		};
	}

}
