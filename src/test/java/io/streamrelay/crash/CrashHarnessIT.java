package io.streamrelay.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash harness on the packaged jar (failsafe, after {@code package}): kill -9 rounds
 * on a private PostgreSQL (with a PostgreSQL restart under load) and on the H2 file
 * database. CI size by default; {@code scripts/crash-test --kills 100} for the on-demand
 * run. Replay a run's operations with {@code -Dcrash.seed=<seed>}.
 */
class CrashHarnessIT {

	@Test
	void killedRestartedAndDatabaseRestartedTheServiceLosesAndDoublesNothing() throws Exception {
		int kills = Integer.getInteger("crash.kills", 5);
		int postgresRestarts = Integer.getInteger("crash.postgresRestarts", 1);
		long seed = Long.getLong("crash.seed", System.nanoTime() % 1_000_000_000L);
		System.out.println("[crash] seed=" + seed + " kills=" + kills + " postgresRestarts=" + postgresRestarts
				+ " (replay: scripts/crash-test --seed " + seed + " --kills " + kills + ")");
		Optional<Path> postgresBin = PrivatePostgres.binaries();
		Assumptions.assumeTrue(postgresBin.isPresent(),
				"CRASH HARNESS SKIPPED: no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql;"
						+ " install PostgreSQL or set -Dcrash.postgres.bin=<dir>");
		Path jar = jar();
		Path work = Path.of("target", "crash-test", Long.toString(seed)).toAbsolutePath();
		int postgresKills = (kills + 1) / 2;
		CrashHarness harness = new CrashHarness(jar, work, seed);
		long started = System.nanoTime();
		long budget = Long.getLong("crash.maxMinutes", 0) * 60_000_000_000L;
		try (PrivatePostgres postgres = PrivatePostgres.create(postgresBin.get(), CrashHarness.freePort())) {
			harness.startEmulator();
			harness.phaseDeadline = (budget == 0) ? 0 : started + budget / 2;
			harness.phase(
					"pg", List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
							"--spring.datasource.username=postgres", "--spring.datasource.password="),
					postgresKills, postgres, postgresRestarts);
			harness.phaseDeadline = (budget == 0) ? 0 : started + budget;
			harness.phase("h2", List.of("--spring.datasource.url=jdbc:h2:file:" + work.resolve("h2/crash")
					+ ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"), kills - postgresKills, null, 0);
		}
		finally {
			harness.stopEmulator();
			List<Ledger.Exchange> exchanges = harness.exchanges();
			int answered2xx = (int) exchanges.stream()
				.filter((e) -> e.answer().status() >= 200 && e.answer().status() < 300)
				.count();
			java.util.Map<Integer, Long> statuses = new java.util.TreeMap<>(exchanges.stream()
				.collect(java.util.stream.Collectors.groupingBy((e) -> e.answer().status(),
						java.util.stream.Collectors.counting())));
			System.out.println(harness.report.summary(seed, statuses, exchanges.size(), answered2xx, harness.lost(),
					harness.doubled(), harness.violations().size(), (System.nanoTime() - started) / 1_000_000));
		}
		if (!harness.timeBoxed) {
			assertThat(harness.report.kills).isEqualTo(kills);
		}
		assertThat(harness.report.kills).isPositive();
		assertThat(harness.report.postgresRestarts).isEqualTo(postgresRestarts);
		assertThat(harness.report.outageReadinessDown).isEqualTo(postgresRestarts);
		assertThat(harness.lost()).isZero();
		assertThat(harness.doubled()).isZero();
		assertThat(harness.violations()).isEmpty();
	}

	private static Path jar() throws IOException {
		try (var files = Files.list(Path.of("target"))) {
			return files.filter((p) -> p.getFileName().toString().matches("streamrelay-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run ./mvnw package first"));
		}
	}

}
