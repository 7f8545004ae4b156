package io.streamrelay.performance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run by {@link JvmOptionsTest} in a JVM started with {@code config/jvm.options}: many
 * platform threads (Tomcat's 200 request threads on Java 17) each commit large
 * transactions to an H2 file database with the service's URL settings, so that each
 * thread writes MVStore chunks of a few MiB. NIO copies every such write through a
 * temporary direct buffer that it caches per thread; the options must leave room for
 * that, or H2 fails with "Cannot reserve … bytes of direct buffer memory" and refuses
 * every request after. Exits 0 when every commit succeeded, 1 with the first failure.
 */
public final class H2WritesProbe {

	private H2WritesProbe() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		int threads = Integer.parseInt(args[1]);
		int commitsPerThread = Integer.parseInt(args[2]);
		String url = "jdbc:h2:file:" + directory.resolve("probe").toAbsolutePath()
				+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
		try (Connection setup = DriverManager.getConnection(url, "sa", "")) {
			setup.createStatement()
				.execute("create table blob_rows(id varchar(64) primary key, payload varchar(2000000))");
		}
		String payload = "x".repeat(150_000);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
					connection.setAutoCommit(false);
					PreparedStatement insert = connection.prepareStatement("insert into blob_rows values (?, ?)");
					// a thread that failed before it would leave the others waiting:
					// bounded
					start.await(60, TimeUnit.SECONDS);
					for (int i = 0; i < commitsPerThread; i++) {
						insert.setString(1, thread + "-" + i);
						insert.setString(2, payload);
						insert.executeUpdate();
						connection.commit();
					}
				}
				catch (SQLException | RuntimeException | Error ex) {
					failure.compareAndSet(null, ex);
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
			}, "probe-" + t);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (failure.get() != null) {
			System.out.println("H2 WRITES FAILED: " + failure.get());
			System.exit(1);
		}
		System.out.println("H2 WRITES OK: " + threads + " threads x " + commitsPerThread + " commits");
	}

}
