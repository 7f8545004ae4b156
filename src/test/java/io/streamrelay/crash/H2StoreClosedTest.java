package io.streamrelay.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 closes its file store by itself when a write fails beyond repair (an
 * {@code MVStoreException}: out of direct memory, a full disk, an I/O error); every
 * connection of the pool is then dead. The service must not go on answering
 * {@code 503 database-unavailable} until someone restarts it: the pool drops the dead
 * connections, a new one opens the file again, and every committed task is there.
 * {@code SHUTDOWN IMMEDIATELY} closes the store the same way, without a clean close.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "streamrelay.reconciler.enabled=false", "spring.datasource.hikari.maximum-pool-size=4",
				"streamrelay.emulator.stream-url-cooldown=0s" })
class H2StoreClosedTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void fileDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + directory.resolve("store").toAbsolutePath()
				+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
	}

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	TestHttp http() {
		return new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
	}

	@Test
	void afterH2ClosedItsStoreTheServiceAnswersAgainWithoutARestart() throws SQLException {
		String start = "{\"taskId\":\"closed-1\",\"channelId\":\"closed\",\"mode\":\"single\","
				+ "\"single\":{\"userId\":\"ann\"}}";
		assertThat(http().send("POST", TASKS, start).status()).isEqualTo(201);
		// every connection of the pool has been used and is kept idle
		for (int i = 0; i < 8; i++) {
			assertThat(http().send("GET", TASKS + "/closed-1", null).status()).isEqualTo(200);
		}

		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN IMMEDIATELY");
		}
		catch (SQLException ex) {
			// the connection that shut the database down may report it closed under
			// itself
		}

		List<Integer> statuses = new ArrayList<>();
		TestHttp.Reply reply = null;
		for (int i = 0; i < 10 && (reply == null || reply.status() != 200); i++) {
			reply = http().send("GET", TASKS + "/closed-1", null);
			statuses.add(reply.status());
			if (reply.status() != 200) {
				DatabaseOutageTest.assertDatabaseUnavailable(reply);
			}
		}
		System.out.println("[h2-store-closed] answers after the store closed: " + statuses);
		assertThat(reply.status()).as("answers after the store closed: %s", statuses).isEqualTo(200);
		assertThat(reply.json().get("state").asString()).isEqualTo("active");
		assertThat(statuses).as("at most one failed answer per pooled connection").hasSizeLessThanOrEqualTo(5);
		assertThat(http().send("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
		String next = "{\"taskId\":\"closed-2\",\"channelId\":\"closed\",\"mode\":\"single\","
				+ "\"single\":{\"userId\":\"bob\"}}";
		assertThat(http().send("POST", TASKS, next).status()).isEqualTo(201);
	}

}
