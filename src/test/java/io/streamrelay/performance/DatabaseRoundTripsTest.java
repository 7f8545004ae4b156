package io.streamrelay.performance;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.streamrelay.testing.TestHttp;
import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database work of one request, counted at the JDBC driver (issue 10: "no more
 * statements or commits than the nothing-lost design needs"): a start or a stop is one
 * read of the task, the intent (one commit) before the vendor call and the outcome (one
 * commit, the task and its history entry) after it; a start also asks whether a running
 * task of ours uses its destination (the local 409 {@code destination-in-use}); an
 * idempotency key adds its claim and its stored answer. A change that adds a round trip
 * to the hot path fails here, naming the statements.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:round-trips;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false",
				"streamrelay.emulator.events.callbacks=false" })
@Import(DatabaseRoundTripsTest.Counting.class)
class DatabaseRoundTripsTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	/**
	 * Only the server's request threads: the schedulers' statements are not a request's.
	 */
	static final CountingDataSource COUNTER = new CountingDataSource(
			(thread) -> thread.getName().startsWith("http-nio") || thread.getName().startsWith("tomcat-handler"));

	@LocalServerPort
	int port;

	@TestConfiguration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		static BeanPostProcessor countingDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource) ? COUNTER.wrap(dataSource) : bean;
				}
			};
		}

	}

	TestHttp http() {
		return new TestHttp(this.port, "Bearer srdev-local-emulator-only-do-not-use-in-production");
	}

	@BeforeEach
	void clear() {
		COUNTER.clear();
	}

	@Test
	void aStartIsTwoReadsTwoCommitsAndTheCheckOfTheRunningRelay() {
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"rt1\",\"mode\":\"single\",\"single\":{\"userId\":\"alice\"}}");

		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertBudget(6, 2);
	}

	@Test
	void aStopIsOneReadAndTwoCommits() {
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"rt2\",\"mode\":\"single\",\"single\":{\"userId\":\"bob\"}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		COUNTER.clear();

		Reply stopped = http().send("DELETE", started.header("Location"), null);

		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertBudget(4, 2);
	}

	@Test
	void anIdempotencyKeyAddsItsClaimAndItsAnswer() {
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"rt3\",\"mode\":\"single\",\"single\":{\"userId\":\"carol\"}}",
				Map.of("Idempotency-Key", "round-trips-1"));

		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertBudget(8, 4);
	}

	@Test
	void aReadOfARunningRelayIsTheTaskAndItsCheck() {
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"rt4\",\"mode\":\"single\",\"single\":{\"userId\":\"dave\"}}");
		COUNTER.clear();

		Reply read = http().send("GET", started.header("Location"), null);

		assertThat(read.status()).as(read.body()).isEqualTo(200);
		assertBudget(2, 0);
	}

	private static void assertBudget(int statements, int commits) {
		List<String> executed = COUNTER.statements();
		assertThat(executed).as("statements of the request").hasSize(statements);
		assertThat(COUNTER.commits()).as("commits of the request; statements: %s", executed).hasSize(commits);
	}

}
