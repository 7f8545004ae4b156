package io.streamrelay.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.TaskOrigin;
import io.streamrelay.replicas.Replicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For each kind of vendor fault, a batch of starts, updates and stops through the real
 * service (aliyun mode, real SDK) to a WireMock that proxies to the emulator or injects
 * the fault: afterwards, and after reconciliation, no task is lost, no vendor task is
 * doubled, and each request got the right problem answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultMatrixTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static final int PER_OPERATION = 4;

	ConfigurableApplicationContext vendor;

	ConfigurableApplicationContext service;

	WireMockServer wireMock;

	int wireMockPort;

	HttpCalls http;

	final Map<Kind, String> summary = new LinkedHashMap<>();

	/** The fault kinds, each with the answer a caller must get while it lasts. */
	enum Kind {

		CONNECTION_RESET(502, "upstream-bad-response"), EMPTY_RESPONSE(502, "upstream-bad-response"),
		MALFORMED_CHUNK(502, "upstream-bad-response"), RANDOM_DATA_THEN_CLOSE(502, "upstream-bad-response"),
		HTTP_5XX(502, "upstream-bad-response"), THROTTLING_USER(503, "upstream-throttled"),
		READ_TIMEOUT(504, "upstream-timeout"), CONNECTION_REFUSED(503, "upstream-unreachable"),
		DROPPED_AFTER_VENDOR_ACTED(502, "upstream-bad-response");

		final int status;

		final String type;

		Kind(int status, String type) {
			this.status = status;
			this.type = type;
		}

	}

	/**
	 * Where the service under test keeps its tasks (the vendor side always uses its own
	 * H2).
	 */
	abstract Map<String, String> serviceDatabase();

	@BeforeAll
	void start() {
		this.vendor = Replicas.start(withKeys("server.port=0", "spring.main.banner-mode=off",
				"spring.datasource.url=jdbc:h2:mem:faults-vendor;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false"));
		this.wireMock = new WireMockServer(options().dynamicPort());
		this.wireMock.start();
		this.wireMockPort = this.wireMock.port();
		proxyEverything();
		List<String> database = new ArrayList<>();
		serviceDatabase().forEach((key, value) -> database.add(key + "=" + value));
		this.service = Replicas.start(withKeys(database, "server.port=0", "spring.main.banner-mode=off",
				"streamrelay.reconciler.enabled=false", "streamrelay.upstream.mode=aliyun",
				// the vendor here is the emulator, whose list holds running tasks only
				"streamrelay.upstream.list-keeps-stopped=false",
				"streamrelay.upstream.endpoint=127.0.0.1:" + this.wireMockPort, "streamrelay.upstream.protocol=HTTP",
				"streamrelay.upstream.access-key-id=LTAIemulatorKey",
				"streamrelay.upstream.access-key-secret=emulator-secret", "streamrelay.upstream.read-timeout=500ms",
				"streamrelay.upstream.connect-timeout=500ms",
				// the breaker has its own tests; here every request must reach the fault
				"resilience4j.circuitbreaker.instances.vendor.sliding-window-size=100000",
				"resilience4j.circuitbreaker.instances.vendor.minimum-number-of-calls=100000"));
		this.http = new HttpCalls(Replicas.port(this.service));
		assertThat(this.service.getBean(CircuitBreakerRegistry.class)
			.circuitBreaker("vendor")
			.getCircuitBreakerConfig()
			.getMinimumNumberOfCalls()).as("the breaker must not open during the matrix").isEqualTo(100000);
	}

	@AfterAll
	void stop() {
		this.summary.forEach((kind, line) -> System.out
			.println("[fault-matrix " + getClass().getSimpleName() + "] " + kind + ": " + line));
		if (this.service != null) {
			this.service.close();
		}
		if (this.wireMock != null && this.wireMock.isRunning()) {
			this.wireMock.stop();
		}
		if (this.vendor != null) {
			this.vendor.close();
		}
	}

	void proxyEverything() {
		this.wireMock.resetAll();
		this.wireMock.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + Replicas.port(this.vendor))));
	}

	void faultOnWrites(ResponseDefinitionBuilder response) {
		this.wireMock.stubFor(post(urlPathEqualTo("/")).atPriority(1)
			.withQueryParam("Action", matching("StartLiveMPUTask|UpdateLiveMPUTask|StopLiveMPUTask"))
			.willReturn(response));
	}

	static ResponseDefinitionBuilder vendorError(int status, String code, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withBody("{\"RequestId\":\"FAULT-" + code + "\",\"HostId\":\"live.aliyuncs.com\",\"Code\":\"" + code
					+ "\",\"Message\":\"" + message + "\"}");
	}

	Runnable inject(Kind kind) {
		String vendorUrl = "http://127.0.0.1:" + Replicas.port(this.vendor);
		FaultPlan plan = this.vendor.getBean(FaultPlan.class);
		return switch (kind) {
			case CONNECTION_RESET -> () -> faultOnWrites(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			case EMPTY_RESPONSE -> () -> faultOnWrites(aResponse().withFault(Fault.EMPTY_RESPONSE));
			case MALFORMED_CHUNK -> () -> faultOnWrites(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
			case RANDOM_DATA_THEN_CLOSE -> () -> faultOnWrites(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
			case HTTP_5XX -> () -> faultOnWrites(vendorError(503, "ServiceUnavailable",
					"The request has failed due to a temporary failure of the server."));
			case THROTTLING_USER -> () -> faultOnWrites(
					vendorError(400, "Throttling.User", "Request was denied due to user flow control."));
			// the vendor acts, the answer comes after the service's 500 ms read timeout
			case READ_TIMEOUT -> () -> faultOnWrites(aResponse().proxiedFrom(vendorUrl).withFixedDelay(1500));
			case CONNECTION_REFUSED -> this::refuseConnections;
			case DROPPED_AFTER_VENDOR_ACTED -> () -> {
				for (String action : List.of("StartLiveMPUTask", "UpdateLiveMPUTask", "StopLiveMPUTask")) {
					plan.add(new FaultRule(action, FaultRule.Kind.DROP_CONNECTION, -1, 0, FaultRule.When.AFTER));
				}
			};
		};
	}

	/**
	 * Stops the vendor's listener. Pooled keep-alive connections opened before fail
	 * differently (no answer on a socket the peer closed: outcome unknown, conservatively
	 * a 502), so they are drained first with reads.
	 */
	void refuseConnections() {
		this.wireMock.stop();
		io.streamrelay.relaytask.vendor.LiveRelayGateway gateway = this.service
			.getBean(io.streamrelay.relaytask.vendor.LiveRelayGateway.class);
		for (int i = 0; i < 50; i++) {
			try {
				gateway.describe("demo-app", "drain");
			}
			catch (io.streamrelay.relaytask.vendor.UpstreamFailure.Unreachable refused) {
				return;
			}
			catch (io.streamrelay.relaytask.vendor.UpstreamFailure other) {
				// a stale pooled connection: try again
			}
		}
		throw new IllegalStateException("connections were never refused");
	}

	void heal() {
		this.vendor.getBean(FaultPlan.class).clear();
		if (!this.wireMock.isRunning()) {
			this.wireMock = new WireMockServer(options().port(this.wireMockPort));
			this.wireMock.start();
		}
		proxyEverything();
		this.service.getBean(CircuitBreakerRegistry.class).circuitBreaker("vendor").reset();
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void noTaskLostNoneDoubledAndTheRightAnswerForEachFault(Kind kind) throws Exception {
		String prefix = "f" + kind.ordinal();
		for (int i = 0; i < PER_OPERATION; i++) {
			assertThat(this.http.start(prefix + "-u" + i).status()).isEqualTo(201);
			assertThat(this.http.start(prefix + "-s" + i).status()).isEqualTo(201);
		}
		inject(kind).run();
		List<HttpCalls.Reply> replies;
		try {
			replies = inParallel((calls) -> {
				for (int i = 0; i < PER_OPERATION; i++) {
					String n = Integer.toString(i);
					calls.add(() -> this.http.start(prefix + "-n" + n));
					calls.add(() -> this.http.patch(prefix + "-u" + n,
							"{'sei':{'passThrough':{'intervalMs':1000,'content':'" + prefix + "-" + n + "'}}}"));
					calls.add(() -> this.http.stop(prefix + "-s" + n));
				}
			});
		}
		finally {
			heal();
		}
		int right = 0;
		for (HttpCalls.Reply reply : replies) {
			assertThat(reply.status()).as(reply.body()).isEqualTo(kind.status);
			assertThat(reply.contentType()).startsWith("application/problem+json");
			assertThat(JSON.readTree(reply.body()).get("type").asString())
				.isEqualTo("https://streamrelay.io/problems/" + kind.type);
			if (kind.status == 503) {
				assertThat(reply.retryAfter()).isNotNull();
			}
			right++;
		}
		reconcileUntilSettled();
		int lost = countLost(prefix);
		int doubled = countDoubledOrMissing();
		int specDrift = countSpecDrift();
		this.summary.put(kind,
				replies.size() + " requests (" + PER_OPERATION + " starts, " + PER_OPERATION + " updates, "
						+ PER_OPERATION + " stops) -> " + right + " right answers (" + kind.status + " " + kind.type
						+ "), " + lost + " lost, " + doubled + " doubled/missing at the vendor, " + specDrift
						+ " spec mismatches");
		assertThat(lost).isZero();
		assertThat(doubled).isZero();
		assertThat(specDrift).isZero();
	}

	List<HttpCalls.Reply> inParallel(Consumer<List<java.util.concurrent.Callable<HttpCalls.Reply>>> plan)
			throws Exception {
		List<java.util.concurrent.Callable<HttpCalls.Reply>> calls = new ArrayList<>();
		plan.accept(calls);
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<HttpCalls.Reply> replies = new ArrayList<>();
			for (Future<HttpCalls.Reply> future : pool.invokeAll(calls)) {
				replies.add(future.get(120, TimeUnit.SECONDS));
			}
			return replies;
		}
		finally {
			pool.shutdownNow();
		}
	}

	void reconcileUntilSettled() {
		RelayTaskReconciler reconciler = this.service.getBean(RelayTaskReconciler.class);
		for (int run = 0; run < 20 && !transitional().isEmpty(); run++) {
			reconciler.reconcile(1000, Duration.ZERO);
		}
	}

	List<RelayTask> transitional() {
		return this.service.getBean(RelayTasks.class)
			.inStates(Set.of(RelayTaskState.STARTING, RelayTaskState.UPDATING, RelayTaskState.STOPPING), null, 10000);
	}

	/** Accepted requests whose task is missing or not in a final state. */
	int countLost(String prefix) {
		RelayTasks tasks = this.service.getBean(RelayTasks.class);
		int lost = 0;
		for (int i = 0; i < PER_OPERATION; i++) {
			for (String kind : List.of("-n", "-u", "-s")) {
				RelayTask task = tasks.find("demo-app", prefix + kind + i).orElse(null);
				if (task == null || task.state().isTransitional()) {
					lost++;
				}
			}
		}
		return lost;
	}

	/** Differences between what the vendor runs and what we hold active. */
	int countDoubledOrMissing() {
		Set<String> vendorRunning = new HashSet<>();
		this.vendor.getBean(EmulatorState.class).runningTasks("demo-app").forEach((t) -> vendorRunning.add(t.taskId()));
		Set<String> ourActive = new HashSet<>();
		this.service.getBean(RelayTasks.class)
			.inStates(Set.of(RelayTaskState.ACTIVE), null, 10000)
			.stream()
			.filter((t) -> t.origin() == TaskOrigin.API)
			.forEach((t) -> ourActive.add(t.taskId()));
		Set<String> onlyVendor = new HashSet<>(vendorRunning);
		onlyVendor.removeAll(ourActive);
		Set<String> onlyOurs = new HashSet<>(ourActive);
		onlyOurs.removeAll(vendorRunning);
		return onlyVendor.size() + onlyOurs.size();
	}

	/**
	 * Active tasks whose SEI pass-through content at the vendor differs from the spec we
	 * hold.
	 */
	int countSpecDrift() {
		EmulatorState emulator = this.vendor.getBean(EmulatorState.class);
		int drift = 0;
		for (RelayTask task : this.service.getBean(RelayTasks.class)
			.inStates(Set.of(RelayTaskState.ACTIVE), null, 10000)) {
			String ours = task.spec().sei() == null || task.spec().sei().passThrough() == null ? null
					: task.spec().sei().passThrough().content();
			String seiParams = emulator.task("demo-app", task.taskId())
				.map((t) -> t.params().get("SeiParams"))
				.orElse(null);
			JsonNode vendorSei = seiParams == null ? null : JSON.readTree(seiParams);
			String theirs = vendorSei == null || !vendorSei.has("PassThrough") ? null
					: vendorSei.get("PassThrough").get("PayloadContent").asString();
			if (!java.util.Objects.equals(ours, theirs)) {
				drift++;
			}
		}
		return drift;
	}

	static List<String> withKeys(String... properties) {
		return withKeys(List.of(), properties);
	}

	static List<String> withKeys(List<String> first, String... properties) {
		List<String> all = new java.util.ArrayList<>(first);
		all.addAll(List.of(properties));
		all.addAll(io.streamrelay.security.TestKeys.ADMIN_PROPERTIES);
		return all;
	}

}
