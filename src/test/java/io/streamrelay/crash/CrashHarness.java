package io.streamrelay.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.codec.digest.DigestUtils;
import org.awaitility.Awaitility;

/**
 * The crash harness: the standalone emulator and the service as separate processes of the
 * packaged jar, on a private PostgreSQL and on the H2 file database; a random workload;
 * kill -9 of the service at random moments (vendor calls in flight through the emulator's
 * latency), restarts, a PostgreSQL restart under load; and after every round the
 * invariants against the emulator's own state ({@link CrashInvariants}).
 */
final class CrashHarness {

	static final String KEY = "crash-harness-key-0123456789abcdef";

	/** Reconciler grace of the run: just over the longest vendor request it allows. */
	static final Duration GRACE = Duration.ofSeconds(15);

	static final Duration SETTLE = GRACE.plusSeconds(120);

	static final int WORKERS = 4;

	static final int TASKS = 16;

	private final Path jar;

	private CdsArchive archive;

	private final Path work;

	private final long seed;

	private final Random random;

	final CrashReport report = new CrashReport();

	/** One ledger and one set of checks per database phase. */
	final List<Ledger> ledgers = new ArrayList<>();

	final List<CrashInvariants> checks = new ArrayList<>();

	private JarProcess emulator;

	private CrashClient vendor;

	CrashHarness(Path jar, Path work, long seed) {
		this.jar = jar;
		this.work = work;
		this.seed = seed;
		this.random = new Random(seed);
	}

	void startEmulator() throws IOException, InterruptedException {
		Files.createDirectories(this.work);
		this.archive = CdsArchive.prepare(this.jar, this.work);
		this.emulator = new JarProcess("emulator", this.archive, this.work.resolve("emulator.log"), freePort(),
				List.of("--streamrelay.emulator.standalone=true", "--streamrelay.emulator.stream-url-cooldown=0s"));
		this.emulator.start();
		this.emulator.awaitReady(Duration.ofMinutes(3));
		this.vendor = new CrashClient(this.emulator.port(), io.streamrelay.security.DevelopmentKey.VALUE);
	}

	/** Kill rounds (and PostgreSQL restarts, when given) against one database. */
	void phase(String name, List<String> database, int kills, PrivatePostgres postgres, int postgresRestarts)
			throws Exception {
		// each phase starts from an empty vendor (and call counts)
		this.vendor.send("POST", "/emulator/reset", null, null);
		List<String> tasks = new ArrayList<>();
		for (int i = 0; i < TASKS; i++) {
			tasks.add(name + "-" + i);
		}
		JarProcess service = new JarProcess("service-" + name, this.archive,
				this.work.resolve("service-" + name + ".log"), freePort(), serviceArguments(database));
		CrashClient client = new CrashClient(service.port(), KEY);
		CrashInvariants checks = new CrashInvariants(client, this.vendor);
		Ledger ledger = new Ledger();
		this.checks.add(checks);
		this.ledgers.add(ledger);
		CrashWorkload workload = new CrashWorkload(client, ledger, tasks);
		try {
			rounds(name, service, client, workload, checks, ledger, kills, postgres, postgresRestarts);
		}
		finally {
			service.stop();
		}
	}

	private void rounds(String name, JarProcess service, CrashClient client, CrashWorkload workload,
			CrashInvariants checks, Ledger ledger, int kills, PrivatePostgres postgres, int postgresRestarts)
			throws Exception {
		service.start();
		service.awaitReady(Duration.ofMinutes(3));
		int restartAfter = (postgresRestarts > 0) ? 1 : -1;
		for (int round = 1; round <= kills && !pastDeadline(name, round); round++) {
			killRound(name + "-kill" + round, service, client, workload, checks, ledger);
			if (round == restartAfter) {
				for (int r = 1; r <= postgresRestarts; r++) {
					String restart = name + "-pgrestart" + r;
					new PostgresRestartRound(this, restart, service, workload, ledger, postgres).run(this.random);
					settle(checks);
					check(restart, checks, ledger);
				}
			}
		}
	}

	private void killRound(String round, JarProcess service, CrashClient client, CrashWorkload workload,
			CrashInvariants checks, Ledger ledger) throws Exception {
		vendorLatency(this.random);
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> workers = workload.start(round, this.random.nextLong(), WORKERS, 60, stop);
		// the random moment of the kill: the workload runs meanwhile
		Thread.sleep(500 + this.random.nextInt(3500));
		Awaitility.await("a request in flight").atMost(Duration.ofSeconds(10)).until(() -> client.inFlight() > 0);
		int inFlight = client.inFlight();
		this.report.inFlightAtKill += inFlight;
		service.kill9();
		this.report.kills++;
		stop.set(true);
		for (Thread worker : workers) {
			worker.join(CrashClient.REQUEST_BUDGET.toMillis() * 2);
		}
		this.vendor.send("DELETE", "/emulator/faults", null, null);
		long restarted = System.nanoTime();
		service.start();
		service.awaitReady(Duration.ofMinutes(3));
		this.report.serviceRestarts++;
		long pending = checks.transitional();
		this.report.pendingAfterRestart += (int) pending;
		settle(checks);
		this.report.recoveryMillis.add(Duration.ofNanos(System.nanoTime() - restarted).toMillis());
		this.report.recovered += (int) pending;
		check(round, checks, ledger);
		System.out.println("[crash] round " + round + ": inFlightAtKill=" + inFlight + " pendingAfterRestart=" + pending
				+ " recovery(restart->settled)=" + this.report.recoveryMillis.get(this.report.recoveryMillis.size() - 1)
				+ "ms totals: kills=" + this.report.kills + " recovery "
				+ CrashReport.spread(this.report.recoveryMillis));
	}

	/**
	 * An on-demand run may be time-boxed ({@code -Dcrash.maxMinutes}): each phase gets
	 * its share, the rounds stop when it is spent, and the run says so.
	 */
	private boolean pastDeadline(String phase, int round) {
		if (this.phaseDeadline == 0 || System.nanoTime() < this.phaseDeadline) {
			return false;
		}
		System.out.println("[crash] TIME-BOXED: phase " + phase + " stops before round " + round);
		this.timeBoxed = true;
		return true;
	}

	long phaseDeadline;

	boolean timeBoxed;

	private static void settle(CrashInvariants checks) {
		Awaitility.await("every task settled (no starting/updating/stopping) within one grace period")
			.atMost(SETTLE)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> checks.transitional() == 0);
	}

	private void check(String round, CrashInvariants checks, Ledger ledger) {
		long startsSent = ledger.exchanges().stream().filter((e) -> e.isStart() && !e.answer().replayed()).count();
		checks.check(round, ledger, startsSent);
		this.report.replayedKeys += checks.replayRecordedKeys(round, ledger);
		System.out.println("[crash] round " + round + " checked: lost=" + checks.lost() + " doubled=" + checks.doubled()
				+ " violations=" + checks.violations().size());
	}

	/**
	 * Latency on the task operations so that kills find vendor calls in flight: before
	 * the vendor acts, or after (the vendor acted, the answer is late); now and then
	 * longer than the service's read timeout (outcome unknown).
	 */
	void vendorLatency(Random random) {
		this.vendor.send("DELETE", "/emulator/faults", null, null);
		for (String action : List.of("StartLiveMPUTask", "UpdateLiveMPUTask", "StopLiveMPUTask")) {
			int latency = (random.nextInt(10) == 0) ? 1800 : 200 + random.nextInt(1000);
			String when = random.nextBoolean() ? "BEFORE" : "AFTER";
			this.vendor.send("POST", "/emulator/faults", "{\"action\":\"" + action + "\",\"kind\":\"LATENCY\","
					+ "\"latencyMs\":" + latency + ",\"count\":-1,\"when\":\"" + when + "\"}", null);
		}
	}

	void clearVendorFaults() {
		this.vendor.send("DELETE", "/emulator/faults", null, null);
	}

	int lost() {
		return this.checks.stream().mapToInt(CrashInvariants::lost).sum();
	}

	int doubled() {
		return this.checks.stream().mapToInt(CrashInvariants::doubled).sum();
	}

	List<String> violations() {
		return this.checks.stream().flatMap((c) -> c.violations().stream()).toList();
	}

	List<Ledger.Exchange> exchanges() {
		return this.ledgers.stream().flatMap((l) -> l.exchanges().stream()).toList();
	}

	void stopEmulator() throws InterruptedException {
		if (this.emulator != null) {
			this.emulator.stop();
		}
	}

	List<String> serviceArguments(List<String> database) {
		List<String> arguments = new ArrayList<>(database);
		arguments.addAll(List.of("--streamrelay.upstream.mode=aliyun",
				"--streamrelay.upstream.endpoint=127.0.0.1:" + this.emulator.port(),
				"--streamrelay.upstream.protocol=HTTP", "--streamrelay.upstream.access-key-id=LTAIemulatorKey",
				"--streamrelay.upstream.access-key-secret=emulator-secret",
				// the emulator's list holds running tasks only: what is listed runs
				"--streamrelay.upstream.list-keeps-stopped=false", "--streamrelay.upstream.connect-timeout=500ms",
				"--streamrelay.upstream.read-timeout=1500ms", "--resilience4j.retry.configs.vendor.max-attempts=1",
				"--streamrelay.reconciler.interval=1s", "--streamrelay.reconciler.initial-delay=1s",
				"--streamrelay.reconciler.grace=" + GRACE.toSeconds() + "s",
				"--streamrelay.reconciler.backoff-first=1s", "--streamrelay.reconciler.backoff-max=3s",
				"--streamrelay.idempotency.lock-timeout=15s", "--streamrelay.security.requests-per-second-per-key=1000",
				"--streamrelay.security.api-keys[0].name=crash-harness",
				"--streamrelay.security.api-keys[0].sha256=" + DigestUtils.sha256Hex(KEY),
				"--streamrelay.security.api-keys[0].apps[0]=*", "--streamrelay.security.api-keys[0].role=ADMIN"));
		return arguments;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
