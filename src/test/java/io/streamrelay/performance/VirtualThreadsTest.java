package io.streamrelay.performance;

import java.util.concurrent.Executor;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests run on virtual threads where the JVM has them (Java 21+) and on Tomcat's
 * platform thread pool on Java 17, the baseline. The suite runs on Java 17;
 * {@code .ci/run} runs this class again on Java 25 when the machine has one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:virtual-threads;DB_CLOSE_DELAY=-1", "streamrelay.reconciler.enabled=false" })
class VirtualThreadsTest {

	@Autowired
	WebServerApplicationContext context;

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void requestsRunOnVirtualThreadsFromJava21() {
		assertThat(requestExecutor().getClass().getName()).contains("VirtualThread");
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void requestsRunOnTomcatsPlatformThreadPoolOnJava17() {
		assertThat(requestExecutor()).isInstanceOf(ThreadPoolExecutor.class);
		assertThat(requestExecutor().getClass().getName()).doesNotContain("VirtualThread");
	}

	private Executor requestExecutor() {
		return ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();
	}

}
