package io.streamrelay.crash;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.streamrelay.emulator.FaultPacing;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.emulator.FaultRule;
import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the database is out of reach every API request is answered 503
 * {@code database-unavailable} with {@code Retry-After} and readiness is DOWN; once it is
 * back the service works again without a restart. A database failure after the vendor
 * acted is answered 503 {@code outcome-not-recorded} and the reconciler settles the task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:database-outage;DB_CLOSE_DELAY=-1",
				"streamrelay.reconciler.enabled=false", "streamrelay.emulator.stream-url-cooldown=0s" })
class DatabaseOutageTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static final String START = "{\"taskId\":\"%s\",\"channelId\":\"outage\",\"mode\":\"single\","
			+ "\"single\":{\"userId\":\"%s\"}}";

	@LocalServerPort
	int port;

	@Autowired
	SwitchableDataSource database;

	@Autowired
	FaultPlan faults;

	@Autowired
	RelayTaskReconciler reconciler;

	@AfterEach
	void databaseBack() {
		this.database.up();
		this.faults.clear();
		this.faults.pace(FaultPacing.SLEEP);
	}

	TestHttp http() {
		return new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
	}

	@Test
	void everyRequestIs503WithRetryAfterWhileTheDatabaseIsDownAndWorksAgainOnceItIsBack() {
		assertThat(http().send("POST", TASKS, START.formatted("outage-1", "ann")).status()).isEqualTo(201);
		this.database.down();

		assertDatabaseUnavailable(http().send("POST", TASKS, START.formatted("outage-2", "bob")));
		assertDatabaseUnavailable(http().send("POST", TASKS, START.formatted("outage-3", "cid"),
				Map.of("Idempotency-Key", "outage-key-3")));
		assertDatabaseUnavailable(http().send("GET", TASKS + "/outage-1", null));
		assertDatabaseUnavailable(http().send("GET", TASKS, null));
		assertDatabaseUnavailable(http().send("PATCH", TASKS + "/outage-1", "{\"single\":{\"userId\":\"ann\"}}"));
		assertDatabaseUnavailable(http().send("DELETE", TASKS + "/outage-1", null));
		TestHttp.Reply readiness = http().send("GET", "/actuator/health/readiness", null);
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
		assertThat(http().send("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);

		this.database.up();
		assertThat(http().send("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(http().send("POST", TASKS, START.formatted("outage-2", "bob")).status()).isEqualTo(201);
		// the refused request was not remembered: its key executes now
		TestHttp.Reply retried = http().send("POST", TASKS, START.formatted("outage-3", "cid"),
				Map.of("Idempotency-Key", "outage-key-3"));
		assertThat(retried.status()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isNull();
		assertThat(http().send("DELETE", TASKS + "/outage-1", null).json().get("state").asString())
			.isEqualTo("stopped");
	}

	@Test
	void aDatabaseFailureAfterTheVendorActedIsAnsweredAsUnknownOutcomeAndTheReconcilerSettlesIt() {
		// the vendor takes the database down while it holds the start, then starts the
		// relay: the service cannot write the outcome of a call that took effect
		this.faults.pace((rule) -> this.database.down());
		this.faults.add(new FaultRule("StartLiveMPUTask", FaultRule.Kind.LATENCY, 1, 1, FaultRule.When.BEFORE));

		TestHttp.Reply reply = http().send("POST", TASKS, START.formatted("outage-vendor", "dan"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(503);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.header("Retry-After")).isEqualTo("5");
		assertThat(reply.json().get("type").asString()).endsWith("/outcome-not-recorded");
		assertThat(reply.json().get("taskId").asString()).isEqualTo("outage-vendor");
		assertThat(reply.json().get("outcomeUnknown").asBoolean()).isTrue();
		assertThat(reply.json().get("detail").asString()).contains("outcome is unknown", "reconciler");

		this.database.up();
		assertThat(http().send("GET", TASKS + "/outage-vendor", null).json().get("state").asString())
			.isEqualTo("starting");
		RelayTaskReconciler.Report report = this.reconciler.reconcile(100, Duration.ZERO);
		assertThat(report.resolved()).isGreaterThanOrEqualTo(1);
		assertThat(http().send("GET", TASKS + "/outage-vendor", null).json().get("state").asString())
			.isEqualTo("active");
	}

	@Test
	void anAnswerThatCannotBeStoredForItsIdempotencyKeyIsNotSentAsASuccess() {
		this.database.failStatementsStartingWith("update idempotency_key set state");

		TestHttp.Reply reply = http().send("POST", TASKS, START.formatted("outage-key", "eve"),
				Map.of("Idempotency-Key", "outage-unstored"));

		assertDatabaseUnavailable(reply);
		assertThat(reply.json().get("detail").asString()).contains("was executed", "same Idempotency-Key");
		assertThat(reply.header("Location")).isNull();
		this.database.up();
		// the effect is on the task: a retry with a new key is answered from it
		assertThat(http().send("POST", TASKS, START.formatted("outage-key", "eve")).status()).isEqualTo(200);
	}

	static void assertDatabaseUnavailable(TestHttp.Reply reply) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(503);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.header("Retry-After")).isEqualTo("5");
		assertThat(reply.json().get("type").asString())
			.isEqualTo("https://streamrelay.io/problems/database-unavailable");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SwitchableDatabase {

		@Bean
		static BeanPostProcessor switchableDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof DataSource source && !(bean instanceof SwitchableDataSource))
							? new SwitchableDataSource(source) : bean;
				}
			};
		}

	}

}
