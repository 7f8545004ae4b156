package io.streamrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;

/**
 * How an H2 file grows under a steady commit rate (docs/performance.md, "Disk: the H2
 * file"): a table of 20,000 rows with four indexes, updated at random, and a history
 * table appended to, one commit per update, at a fixed rate; the file's size every 10 s,
 * and after the close. Local files only; stops by itself.
 * <p>
 * {@code scripts/h2-growth [seconds] [commits per second] [URL settings]}, e.g.
 * {@code scripts/h2-growth 140 300 ";WRITE_DELAY=500"}; the default settings are the
 * service's ({@code ;WRITE_DELAY=0}). Seeded (1): the same run writes the same rows.
 */
public final class H2FileGrowth {

	private H2FileGrowth() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 140;
		int perSecond = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
		String settings = (args.length > 2) ? args[2] : ";WRITE_DELAY=0";
		Path directory = Files.createTempDirectory("h2-growth");
		Path file = directory.resolve("growth.mv.db");
		String url = "jdbc:h2:file:" + directory.resolve("growth") + ";DB_CLOSE_ON_EXIT=FALSE" + settings;
		System.out.printf(Locale.ROOT, "[h2-growth] %d s at %d commits/s, URL settings %s, file %s%n", seconds,
				perSecond, settings, file);
		// the file can reach a GB: deleted however the run ends, Ctrl-C included
		Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			schema(connection);
			load(connection, seconds, perSecond, file);
		}
		System.out.printf(Locale.ROOT, "[h2-growth] after the close: %.1f MB%n", Files.size(file) / 1e6);
	}

	private static void delete(Path directory) {
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(directory);
		}
		catch (IOException ex) {
			System.err.println("[h2-growth] could not delete " + directory + ": " + ex);
		}
	}

	private static void schema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("create table task(id int primary key, a varchar(100), b varchar(100),"
					+ " c varchar(100), spec varchar(4000))");
			statement.execute("create index task_a on task(a)");
			statement.execute("create index task_b on task(b)");
			statement.execute("create index task_c on task(c)");
			statement.execute("create table history(id bigint auto_increment primary key, task int,"
					+ " at timestamp, detail varchar(400))");
			statement.execute("create index history_task on history(task)");
		}
	}

	private static void load(Connection connection, int seconds, int perSecond, Path file) throws Exception {
		connection.setAutoCommit(false);
		Random random = new Random(1);
		String spec = "x".repeat(400);
		try (PreparedStatement task = connection.prepareStatement("merge into task key(id) values (?, ?, ?, ?, ?)");
				PreparedStatement history = connection
					.prepareStatement("insert into history(task, at, detail) values (?, current_timestamp, ?)")) {
			long began = System.nanoTime();
			long commits = 0;
			long nextReport = 10;
			while (true) {
				double elapsed = (System.nanoTime() - began) / 1e9;
				if (elapsed > seconds) {
					break;
				}
				if (commits > elapsed * perSecond) {
					Thread.onSpinWait();
					continue;
				}
				int id = random.nextInt(20_000);
				task.setInt(1, id);
				task.setString(2, "a" + random.nextInt());
				task.setString(3, "b" + random.nextInt());
				task.setString(4, "c" + random.nextInt());
				task.setString(5, spec + commits);
				task.executeUpdate();
				history.setInt(1, id);
				history.setString(2, "detail " + commits);
				history.executeUpdate();
				connection.commit();
				commits++;
				if (elapsed >= nextReport) {
					System.out.printf(Locale.ROOT, "[h2-growth] t=%3d s  commits=%7d  file=%7.1f MB%n", (int) elapsed,
							commits, Files.size(file) / 1e6);
					nextReport += 10;
				}
			}
		}
	}

}
