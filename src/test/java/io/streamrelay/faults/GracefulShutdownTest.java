package io.streamrelay.faults;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.streamrelay.replicas.Replicas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** A replica shut down while a start is in flight finishes it and records the outcome. */
class GracefulShutdownTest {

	ConfigurableApplicationContext vendor;

	ConfigurableApplicationContext service;

	WireMockServer wireMock;

	@AfterEach
	void stop() {
		if (this.service != null && this.service.isActive()) {
			this.service.close();
		}
		if (this.wireMock != null) {
			this.wireMock.stop();
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
		this.wireMock = new WireMockServer(options().dynamicPort());
		this.wireMock.start();
		String vendorUrl = "http://127.0.0.1:" + Replicas.port(this.vendor);
		this.wireMock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(vendorUrl)));
		this.wireMock.stubFor(post(urlPathEqualTo("/")).atPriority(1)
			.withQueryParam("Action", equalTo("StartLiveMPUTask"))
			.willReturn(aResponse().proxiedFrom(vendorUrl).withFixedDelay(2000)));
		this.service = Replicas.start(withKeys("server.port=0", "spring.main.banner-mode=off", database,
				"streamrelay.reconciler.enabled=false", "streamrelay.upstream.mode=aliyun",
				// the vendor here is the emulator, whose list holds running tasks only
				"streamrelay.upstream.list-keeps-stopped=false",
				"streamrelay.upstream.endpoint=127.0.0.1:" + this.wireMock.port(), "streamrelay.upstream.protocol=HTTP",
				"streamrelay.upstream.access-key-id=LTAIemulatorKey",
				"streamrelay.upstream.access-key-secret=emulator-secret", "streamrelay.upstream.read-timeout=5s"));
		HttpCalls calls = new HttpCalls(Replicas.port(this.service));
		CompletableFuture<HttpCalls.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
			try {
				return calls.start("graceful-1");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(700);
		assertThat(inFlight).isNotDone();
		long closing = System.nanoTime();
		this.service.close();
		long closedAfterMs = (System.nanoTime() - closing) / 1_000_000;

		HttpCalls.Reply reply = inFlight.get(30, TimeUnit.SECONDS);
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		assertThat(closedAfterMs).as("shutdown waited for the in-flight request").isGreaterThan(500);
		HttpCalls.Reply recorded = new HttpCalls(Replicas.port(this.vendor)).send("GET",
				FaultMatrixTest.TASKS + "/graceful-1", null, null);
		assertThat(JsonMapper.builder().build().readTree(recorded.body()).get("state").asString()).isEqualTo("active");
	}

	static List<String> withKeys(String... properties) {
		List<String> all = new java.util.ArrayList<>(List.of(properties));
		all.addAll(io.streamrelay.security.TestKeys.ADMIN_PROPERTIES);
		return all;
	}

}
