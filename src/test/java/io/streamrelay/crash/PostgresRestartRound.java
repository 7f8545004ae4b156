package io.streamrelay.crash;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;

/**
 * PostgreSQL stopped and started again under load: while it is down the service answers
 * 503 with Retry-After and its readiness is DOWN; once it is back the service serves
 * again by itself, without a restart.
 */
final class PostgresRestartRound {

	private final CrashHarness harness;

	private final String round;

	private final JarProcess service;

	private final CrashWorkload workload;

	private final Ledger ledger;

	private final PrivatePostgres postgres;

	PostgresRestartRound(CrashHarness harness, String round, JarProcess service, CrashWorkload workload, Ledger ledger,
			PrivatePostgres postgres) {
		this.harness = harness;
		this.round = round;
		this.service = service;
		this.workload = workload;
		this.ledger = ledger;
		this.postgres = postgres;
	}

	void run(Random random) throws Exception {
		CrashReport report = this.harness.report;
		this.harness.vendorLatency(random);
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> workers = this.workload.start(this.round, random.nextLong(), CrashHarness.WORKERS, 1000, stop);
		// the random moment of the outage: the workload runs meanwhile
		Thread.sleep(500 + random.nextInt(1500));
		this.postgres.stop();
		report.postgresRestarts++;
		Awaitility.await("readiness DOWN while PostgreSQL is down")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.service.readiness() == 503);
		report.outageReadinessDown++;
		Awaitility.await("requests answered during the outage")
			.atMost(Duration.ofSeconds(30))
			.until(() -> count(503) >= 3);
		this.postgres.start();
		long up = System.nanoTime();
		Awaitility.await("ready again without a restart once PostgreSQL is back")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.service.readiness() == 200);
		report.postgresRecoveryMillis.add(Duration.ofNanos(System.nanoTime() - up).toMillis());
		long served = count(200) + count(201);
		Awaitility.await("requests served again after the outage")
			.atMost(Duration.ofSeconds(60))
			.until(() -> count(200) + count(201) >= served + 5);
		stop.set(true);
		for (Thread worker : workers) {
			worker.join(CrashClient.REQUEST_BUDGET.toMillis() * 2);
		}
		this.harness.clearVendorFaults();
		for (Ledger.Exchange exchange : this.ledger.exchanges()) {
			if (this.round.equals(exchange.phase())) {
				CrashClient.Answer answer = exchange.answer();
				report.outage503 += (answer.status() == 503) ? 1 : 0;
				report.outageServerErrors += (answer.status() == 500) ? 1 : 0;
				report.outageHung += (answer.status() == CrashClient.HUNG) ? 1 : 0;
				report.outageSlowestMillis = Math.max(report.outageSlowestMillis, answer.millis());
			}
		}
	}

	private long count(int status) {
		return this.ledger.exchanges()
			.stream()
			.filter((e) -> this.round.equals(e.phase()) && e.answer().status() == status)
			.count();
	}

}
