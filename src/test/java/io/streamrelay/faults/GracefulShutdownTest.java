package io.streamrelay.faults;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.emulator.HeldRequests;
import io.streamrelay.replicas.Replicas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** A replica shut down while a start is in flight finishes it and records the outcome. */
class GracefulShutdownTest {

	ConfigurableApplicationContext vendor;

	ConfigurableApplicationContext service;

	final HeldRequests held = new HeldRequests();

	final ShutdownLog shutdownLog = new ShutdownLog();

	@AfterEach
	void stop() {
		this.held.release();
		this.shutdownLog.stop();
		if (this.service != null && this.service.isActive()) {
			this.service.close();
		}
		if (this.vendor != null) {
			this.vendor.close();
		}
	}

	@Test
	void anInFlightStartFinishesAndIsRecordedWhenTheReplicaShutsDown() throws Exception {
		String database = "spring.datasource.url=jdbc:h2:mem:graceful;DB_CLOSE_DELAY=-1";
		this.vendor = Replicas.start(withKeys("server.port=0", "spring.main.banner-mode=off", database,
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false"));
		FaultPlan faults = this.vendor.getBean(FaultPlan.class);
		faults.pace(this.held);
		// the vendor holds the start until the test releases it: the request stays in
		// flight for as long as the test needs, whatever the machine's speed
		faults.add(new FaultRule("StartLiveMPUTask", FaultRule.Kind.LATENCY, 1, 1, FaultRule.When.BEFORE));
		this.service = Replicas.start(withKeys("server.port=0", "spring.main.banner-mode=off", database,
				"streamrelay.reconciler.enabled=false", "streamrelay.upstream.mode=aliyun",
				// the vendor here is the emulator, whose list holds running tasks only
				"streamrelay.upstream.list-keeps-stopped=false",
				"streamrelay.upstream.endpoint=127.0.0.1:" + Replicas.port(this.vendor),
				"streamrelay.upstream.protocol=HTTP", "streamrelay.upstream.access-key-id=LTAIemulatorKey",
				"streamrelay.upstream.access-key-secret=emulator-secret", "streamrelay.upstream.read-timeout=10s"));
		this.shutdownLog.start();
		HttpCalls calls = new HttpCalls(Replicas.port(this.service));
		CompletableFuture<HttpCalls.Reply> inFlight = CompletableFuture.supplyAsync(() -> calls.start("graceful-1"));
		this.held.awaitArrivals(1);

		CompletableFuture<Void> closed = CompletableFuture.runAsync(this.service::close);
		this.shutdownLog.awaitCommencing();
		assertThat(inFlight).isNotDone();
		assertThat(closed).as("shutdown waits for the in-flight request").isNotDone();
		this.held.release();

		closed.get(60, TimeUnit.SECONDS);
		HttpCalls.Reply reply = inFlight.get(30, TimeUnit.SECONDS);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		assertThat(this.shutdownLog.messages()).contains("Graceful shutdown complete")
			.doesNotContain("Graceful shutdown aborted with one or more requests still active");
		HttpCalls.Reply recorded = new HttpCalls(Replicas.port(this.vendor)).send("GET",
				FaultMatrixTest.TASKS + "/graceful-1", null, null);
		assertThat(JsonMapper.builder().build().readTree(recorded.body()).get("state").asString()).isEqualTo("active");
	}

	static List<String> withKeys(String... properties) {
		List<String> all = new java.util.ArrayList<>(List.of(properties));
		all.addAll(io.streamrelay.security.TestKeys.ADMIN_PROPERTIES);
		return all;
	}

	/**
	 * What Tomcat's graceful shutdown logs: its first line is the signal that shutdown
	 * has begun and waits for active requests.
	 */
	static final class ShutdownLog extends AppenderBase<ILoggingEvent> {

		// the logger of Boot's package-private
		// org.springframework.boot.tomcat.GracefulShutdown
		private final Logger logger = (Logger) LoggerFactory
			.getLogger("org.springframework.boot.tomcat.GracefulShutdown");

		private final List<String> messages = new CopyOnWriteArrayList<>();

		private final CountDownLatch commencing = new CountDownLatch(1);

		@Override
		public void start() {
			setContext(this.logger.getLoggerContext());
			super.start();
			this.logger.addAppender(this);
		}

		@Override
		public void stop() {
			this.logger.detachAppender(this);
			super.stop();
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.messages.add(event.getFormattedMessage());
			if (event.getFormattedMessage().startsWith("Commencing graceful shutdown")) {
				this.commencing.countDown();
			}
		}

		void awaitCommencing() throws InterruptedException {
			assertThat(this.commencing.await(30, TimeUnit.SECONDS)).as("graceful shutdown commenced").isTrue();
		}

		List<String> messages() {
			return List.copyOf(this.messages);
		}

	}

}
