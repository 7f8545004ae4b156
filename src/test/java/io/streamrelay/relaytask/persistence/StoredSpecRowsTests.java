package io.streamrelay.relaytask.persistence;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.task.TaskOrigin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static io.streamrelay.relaytask.persistence.StoredSpecSamples.NEWEST;
import static io.streamrelay.relaytask.persistence.StoredSpecSamples.UNMARKED;
import static io.streamrelay.relaytask.persistence.StoredSpecSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stored spec columns through the real adapter and migrations: rows written before
 * stored versions existed stay readable. Runs on H2 here and on PostgreSQL in
 * {@link StoredSpecRowsPostgresTests}.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:storedspec;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
@Import(JdbcRelayTasks.class)
class StoredSpecRowsTests {

	private final RelayTasks tasks;

	private final JdbcClient jdbc;

	private final RelayTask task = new RelayTask("app1", "t1", StoredSpecSamples.single(),
			StoredSpecSamples.mixedFull(), RelayTaskState.UPDATING, TaskOrigin.API, 3,
			RelayTaskFixtures.CLOCK.instant(), RelayTaskFixtures.CLOCK.instant(), null, false);

	@Autowired
	StoredSpecRowsTests(RelayTasks tasks, JdbcClient jdbc) {
		this.tasks = tasks;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void insertTask() {
		this.tasks.insert(this.task, null);
	}

	@Test
	void storesBothSpecColumnsAsTheNewestSamples() {
		assertThat(column("spec")).isEqualTo(sample(NEWEST, "single"));
		assertThat(column("pending_spec")).isEqualTo(sample(NEWEST, "mixed-full"));
	}

	@Test
	void readsARowWrittenBeforeStoredVersionsExisted() {
		storeRaw(sample(UNMARKED, "single"), sample(UNMARKED, "mixed-full"));

		assertThat(this.tasks.find("app1", "t1")).contains(this.task);
		assertThat(this.tasks.list("app1", new TaskQuery(null, null, null, 10))).containsExactly(this.task);
	}

	@Test
	void rewritesARowOfThePreviousShapeAsTheNewestVersion() {
		storeRaw(sample(UNMARKED, "single"), sample(UNMARKED, "mixed-full"));
		RelayTask read = this.tasks.find("app1", "t1").orElseThrow();

		assertThat(this.tasks.update(RelayTaskFixtures.next(read, read.state()), read.version(), null)).isTrue();

		assertThat(column("spec")).isEqualTo(sample(NEWEST, "single"));
		assertThat(column("pending_spec")).isNull();
	}

	@Test
	void refusesARowWithAPropertyThisVersionDoesNotKnow() {
		storeRaw(sample(UNMARKED, "single"),
				sample(NEWEST, "mixed-full").replace("\"region\"", "\"zone\":1,\"region\""));

		assertThatExceptionOfType(DataRetrievalFailureException.class).isThrownBy(() -> this.tasks.find("app1", "t1"))
			.withMessage("Stored pending_spec of relay task 't1' does not match stored version 3 at zone:"
					+ " unknown property");
	}

	private void storeRaw(String spec, String pendingSpec) {
		this.jdbc.sql("update relay_task set spec = :spec, pending_spec = :pending where task_id = 't1'")
			.param("spec", spec)
			.param("pending", pendingSpec)
			.update();
	}

	private String column(String name) {
		return this.jdbc.sql("select " + name + " from relay_task where task_id = 't1'")
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
