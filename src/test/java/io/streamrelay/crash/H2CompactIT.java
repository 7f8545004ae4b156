package io.streamrelay.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.streamrelay.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/h2-compact} gives back the space H2 keeps in its file, with the packaged
 * jar alone, keeps every row, and refuses, changing nothing, while another process has
 * the file open. Runs in {@code verify}, after the jar is packaged.
 */
class H2CompactIT {

	@TempDir
	Path directory;

	@Test
	void compactsAStoppedDatabaseToItsLiveRowsAndKeepsThemAll() throws Exception {
		Path database = this.directory.resolve("streamrelay");
		try (Connection connection = open(database)) {
			bloat(connection);
		}
		long before = Files.size(file(database));

		ChildProcess.Result result = run(database);

		assertThat(result.exit()).as(result.output()).isZero();
		long after = Files.size(file(database));
		assertThat(result.output()).contains("h2-compact: " + file(database) + ": " + before + " -> " + after);
		assertThat(after).as("compacted from %d bytes", before).isLessThan(before / 4);
		try (Connection connection = open(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*), sum(length(payload)) from kept")) {
			rows.next();
			assertThat(rows.getLong(1)).isEqualTo(100);
			assertThat(rows.getLong(2)).isEqualTo(100L * 1000);
		}
	}

	@Test
	void refusesAndChangesNothingWhileTheDatabaseIsOpenElsewhere() throws Exception {
		Path database = this.directory.resolve("busy");
		try (Connection connection = open(database)) {
			bloat(connection);
			long before = Files.size(file(database));

			ChildProcess.Result result = run(database);

			assertThat(result.exit()).as(result.output()).isEqualTo(1);
			assertThat(result.output()).contains("h2-compact: failed", "The file is locked");
			assertThat(Files.size(file(database))).isEqualTo(before);
		}
	}

	@Test
	void saysWhenThereIsNoDatabaseFile() throws Exception {
		ChildProcess.Result absent = run(this.directory.resolve("absent"));
		ChildProcess.Result noDirectory = run(this.directory.resolve("no-such-directory/streamrelay"));

		assertThat(absent.exit()).isEqualTo(2);
		assertThat(absent.output()).contains("no H2 file at");
		assertThat(noDirectory.exit()).isEqualTo(2);
		assertThat(noDirectory.output()).contains("no H2 file at");
	}

	@Test
	void takesTheDatabaseAlsoByItsFileName() throws Exception {
		Path database = this.directory.resolve("named");
		try (Connection connection = open(database)) {
			bloat(connection);
		}

		ChildProcess.Result result = run(file(database));

		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("h2-compact: " + file(database) + ": ");
	}

	/** Rows written and deleted in many commits, as a busy service leaves the file. */
	private static void bloat(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("create table kept(id int primary key, payload varchar(1000))");
			statement.execute("create table churn(id int primary key, payload varchar(20000))");
		}
		try (PreparedStatement kept = connection.prepareStatement("insert into kept values (?, ?)");
				PreparedStatement insert = connection.prepareStatement("merge into churn key(id) values (?, ?)")) {
			for (int i = 0; i < 100; i++) {
				kept.setInt(1, i);
				kept.setString(2, "k".repeat(1000));
				kept.executeUpdate();
			}
			for (int i = 0; i < 2000; i++) {
				insert.setInt(1, i % 50);
				insert.setString(2, Integer.toString(i).repeat(20000 / Integer.toString(i).length()));
				insert.executeUpdate();
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("drop table churn");
		}
	}

	private static Connection open(Path database) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + database + ";WRITE_DELAY=0", "sa", "");
	}

	private static Path file(Path database) {
		return Path.of(database + ".mv.db");
	}

	private static ChildProcess.Result run(Path database) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("scripts/h2-compact", database.toString());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		return ChildProcess.run(builder, Duration.ofSeconds(120));
	}

}
