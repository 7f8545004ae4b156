package io.streamrelay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.StopLiveMPUTaskRequest;
import com.aliyuncs.policy.retry.RetryPolicy;
import com.aliyuncs.profile.DefaultProfile;
import io.streamrelay.mputaskid.MpuTaskIds;

/**
 * {@code scripts/bench}: the service path against the direct vendor-SDK path, both driven
 * by this one process against the same vendor emulator (the standalone one, its own
 * process, as in production), in alternating rounds; then start-up against the smallest
 * Spring Boot web app and the resident memory after the load. Prints every figure of
 * issue 10 as a ratio next to its goal. Loopback only; every phase is bounded in time.
 * <p>
 * One cycle is start then stop of one single-stream relay with the app's default push URL
 * and SEI settings: {@code POST /v1/apps/demo-app/relay-tasks} and {@code DELETE} of its
 * {@code Location} on the service path; StartLiveMPUTask and StopLiveMPUTask with the
 * same parameters through the vendor's Java SDK ({@link DefaultAcsClient}, one shared
 * client as a user would keep it) on the direct path. Every cycle uses its own user, so
 * its own MPUTaskId and push URL.
 */
public final class RelayBench {

	static final String DEV_KEY = "srdev-local-emulator-only-do-not-use-in-production";

	static final String APP = "demo-app";

	private final BenchOptions options;

	private final StringBuilder report = new StringBuilder();

	private RelayBench(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		new RelayBench(options).run();
	}

	private void run() throws Exception {
		Files.createDirectories(this.options.workDir());
		say("[bench] %s", this.options);
		say("[bench] load phase: the vendor is the standalone emulator (its own process, callbacks off), the service runs "
				+ "in aliyun mode against it with the per-key request limit and the vendor rate limiters raised to "
				+ "100000/s, so neither limit is what is measured");
		if (this.options.profile()) {
			profile();
			return;
		}
		List<Figure> figures = new ArrayList<>();
		if (this.options.load()) {
			figures.addAll(load());
		}
		if (this.options.startupRuns() > 0) {
			figures.add(startup());
		}
		say("");
		say("%-58s %-34s %-22s %s", "figure", "measured", "goal", "");
		for (Figure figure : figures) {
			say("%-58s %-34s %-22s %s", figure.name(), figure.measured(), figure.goal(),
					figure.met() ? "met" : "NOT MET");
		}
		Files.writeString(this.options.workDir().resolve("report.txt"), this.report);
		say("[bench] report: %s", this.options.workDir().resolve("report.txt"));
	}

	/**
	 * {@code --profile}: only the service path, at 1 then 8 clients, under a JFR
	 * recording (profile settings, deep stacks); then where its CPU went
	 * ({@link JfrBreakdown}).
	 */
	private void profile() throws Exception {
		Path recording = this.options.workDir().resolve("service.jfr");
		Files.deleteIfExists(recording);
		Instant measured;
		try (Processes processes = Processes.start(this.options, this.options.workDir().resolve("profiled"),
				Map.of("JAVA_TOOL_OPTIONS", "-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording="
						+ "settings=profile,dumponexit=true,filename=" + recording))) {
			this.processes = processes;
			Paths paths = new Paths(processes);
			runRound(paths.service(), 4, this.options.warmup(), "warm-up");
			measured = Instant.now();
			for (int clients : new int[] { 1, 8 }) {
				for (int round = 1; round <= this.options.rounds(); round++) {
					paths.resetEmulator();
					runRound(paths.service(), clients, this.options.roundTime(), clients + " clients, round " + round);
				}
			}
		}
		say("[bench] recording: %s; the breakdown counts the samples after the warm-up", recording);
		say("%s", JfrBreakdown.table(recording, measured));
	}

	private List<Figure> load() throws Exception {
		// BENCH_SERVICE_JAVA_TOOL_OPTIONS: JVM options to try on the service without
		// editing config/jvm.options,
		// e.g. -XX:NativeMemoryTracking=summary (the bench then saves jcmd's
		// VM.native_memory summary)
		String tryOptions = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_TOOL_OPTIONS", "");
		Map<String, String> env = tryOptions.isBlank() ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", tryOptions);
		try (Processes processes = Processes.start(this.options, this.options.workDir().resolve("load"), env)) {
			this.processes = processes;
			ServiceProcess service = processes.service();
			say("[bench] emulator up (port %d); service up (pid %d, port %d) in %d ms", processes.emulator().port(),
					service.pid(), service.port(), service.readyMillis());
			Paths paths = new Paths(processes);
			say("[bench] warm-up: %d s per path", this.options.warmup().toSeconds());
			for (Path_ path : paths.both()) {
				runRound(path, 4, this.options.warmup(), "warm-up");
			}
			List<Figure> figures = new ArrayList<>();
			Scenario one = scenario(paths, 1, 0);
			double addedP50 = (one.service().percentile(50) - one.direct().percentile(50)) / 2;
			double addedP99 = (one.service().percentile(99) - one.direct().percentile(99)) / 2;
			figures.add(new Figure(
					"1 client: added per operation, p50 (ms)", String.format(Locale.ROOT, "%.2f (cycle %.2f vs %.2f)",
							addedP50, one.service().percentile(50), one.direct().percentile(50)),
					"<= 1 ms", addedP50 <= 1.0));
			figures.add(new Figure(
					"1 client: added per operation, p99 (ms)", String.format(Locale.ROOT, "%.2f (cycle %.2f vs %.2f)",
							addedP99, one.service().percentile(99), one.direct().percentile(99)),
					"<= 3 ms", addedP99 <= 3.0));
			Scenario eight = scenario(paths, 8, 0);
			figures.add(throughput("8 clients, emulator at once: cycles/s vs direct", eight, 0.6));
			Scenario many = scenario(paths, 64, 50);
			figures.add(throughput("64 clients, emulator 50 ms: cycles/s vs direct", many, 0.9));
			if (tryOptions.contains("NativeMemoryTracking")) {
				Path nmt = this.options.workDir().resolve("native-memory.txt");
				new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
						Long.toString(service.pid()), "VM.native_memory", "summary")
					.redirectErrorStream(true)
					.redirectOutput(nmt.toFile())
					.start()
					.waitFor();
				say("[bench] native memory of the service: %s", nmt);
			}
			long rssKib = service.residentKib();
			say("[bench] resident memory of the service after the load: %d MiB", rssKib / 1024);
			figures.add(new Figure("resident memory after the load (MiB)", Long.toString(rssKib / 1024),
					"<= 256 with config/jvm.options", rssKib <= 256 * 1024));
			return figures;
		}
	}

	private Figure throughput(String name, Scenario scenario, double goal) {
		double ratio = scenario.service().perSecond() / scenario.direct().perSecond();
		long failed = scenario.service().failed() + scenario.direct().failed();
		return new Figure(name,
				String.format(Locale.ROOT, "%.2f x (%.0f vs %.0f /s)%s", ratio, scenario.service().perSecond(),
						scenario.direct().perSecond(), (failed > 0) ? ", " + failed + " failed" : ""),
				">= " + goal + " x", ratio >= goal && failed == 0);
	}

	/**
	 * Alternating rounds of both paths (direct first in odd rounds, service first in even
	 * ones), the emulator's state reset between rounds.
	 */
	private Scenario scenario(Paths paths, int clients, long latencyMs) throws Exception {
		paths.emulatorLatency(latencyMs);
		Samples direct = new Samples();
		Samples service = new Samples();
		for (int round = 1; round <= this.options.rounds(); round++) {
			List<Path_> order = (round % 2 == 1) ? List.of(paths.direct(), paths.service())
					: List.of(paths.service(), paths.direct());
			for (Path_ path : order) {
				paths.resetEmulator();
				Samples samples = runRound(path, clients, this.options.roundTime(),
						"%d clients, %d ms, round %d".formatted(clients, latencyMs, round));
				(path == paths.direct() ? direct : service).add(samples);
			}
		}
		paths.emulatorLatency(0);
		say("[bench] %d clients, emulator %d ms: direct %s | service %s", clients, latencyMs, direct, service);
		return new Scenario(direct, service);
	}

	/** The processes of the load phase, to read their CPU time around each round. */
	private Processes processes;

	private Samples runRound(Path_ path, int clients, Duration time, String label) throws Exception {
		long serviceCpu = (this.processes != null) ? this.processes.service().cpuMillis() : 0;
		long emulatorCpu = (this.processes != null) ? this.processes.emulator().cpuMillis() : 0;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		Samples samples = new Samples();
		AtomicLong failures = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		long deadline = System.nanoTime() + time.toNanos();
		List<Future<?>> running = new ArrayList<>();
		String run = Long.toString(System.nanoTime(), 36);
		for (int client = 0; client < clients; client++) {
			int id = client;
			running.add(pool.submit(() -> {
				start.await();
				for (int n = 0; System.nanoTime() < deadline; n++) {
					String user = "b" + run + "c" + id + "n" + n;
					long begin = System.nanoTime();
					try {
						path.cycle(user);
						samples.record(System.nanoTime() - begin);
					}
					catch (Exception ex) {
						if (failures.incrementAndGet() <= 3) {
							say("[bench] %s %s: cycle failed: %s", path.name(), label, ex);
						}
					}
				}
				return null;
			}));
		}
		long begin = System.nanoTime();
		start.countDown();
		for (Future<?> future : running) {
			future.get();
		}
		samples.elapsed(System.nanoTime() - begin);
		samples.failed(failures.get());
		pool.shutdown();
		String cpu = "";
		if (this.processes != null && samples.count() > 0) {
			cpu = String.format(Locale.ROOT, "; CPU per cycle: service %.1f ms, emulator %.1f ms",
					(this.processes.service().cpuMillis() - serviceCpu) / (double) samples.count(),
					(this.processes.emulator().cpuMillis() - emulatorCpu) / (double) samples.count());
		}
		say("[bench] %-7s %-28s %s%s", path.name(), label, samples, cpu);
		return samples;
	}

	/**
	 * Start-up to the first answer, alternating the minimal web app (plain
	 * {@code java -jar}) and the service (the shipped launch, {@code scripts/launch}).
	 */
	private Figure startup() throws Exception {
		List<Double> minimal = new ArrayList<>();
		List<Double> service = new ArrayList<>();
		for (int run = 1; run <= this.options.startupRuns(); run++) {
			Path dir = this.options.workDir().resolve("startup-" + run);
			ServiceProcess minimalApp = ServiceProcess.startMinimal(this.options, dir.resolve("minimal"));
			minimalApp.stop();
			ServiceProcess shipped = ServiceProcess.start(this.options, dir.resolve("service"), List.of());
			shipped.stop();
			minimal.add((double) minimalApp.readyMillis());
			service.add((double) shipped.readyMillis());
			say("[bench] start-up run %d: minimal web app %d ms, service %d ms", run, minimalApp.readyMillis(),
					shipped.readyMillis());
		}
		double ratio = Samples.median(service) / Samples.median(minimal);
		return new Figure(
				"start-up to first answer vs minimal Boot web app", String.format(Locale.ROOT,
						"%.2f x (median %.0f vs %.0f ms)", ratio, Samples.median(service), Samples.median(minimal)),
				"<= 1.0 x", ratio <= 1.0);
	}

	void say(String format, Object... args) {
		String line = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
		synchronized (this.report) {
			this.report.append(line).append('\n');
		}
		System.out.println(line);
		System.out.flush();
	}

	record Figure(String name, String measured, String goal, boolean met) {
	}

	record Scenario(Samples direct, Samples service) {
	}

	/** One way to run a start→stop cycle. */
	interface Path_ {

		String name();

		void cycle(String user) throws Exception;

	}

	/** Both paths, and the emulator's control endpoints, on the service's port. */
	static final class Paths {

		private final String service;

		private final String emulator;

		private final String apiKey;

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		private final DefaultAcsClient sdk;

		private final Path_ direct;

		private final Path_ servicePath;

		private long latencyMs;

		Paths(Processes processes) {
			this.service = "http://127.0.0.1:" + processes.service().port();
			this.emulator = "http://127.0.0.1:" + processes.emulator().port();
			this.apiKey = processes.apiKey();
			DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret");
			this.sdk = new DefaultAcsClient(profile);
			this.sdk.setSysRetryPolicy(RetryPolicy.none());
			String endpoint = "127.0.0.1:" + processes.emulator().port();
			this.direct = new Path_() {
				@Override
				public String name() {
					return "direct";
				}

				@Override
				public void cycle(String user) throws ClientException {
					directCycle(endpoint, user);
				}
			};
			this.servicePath = new Path_() {
				@Override
				public String name() {
					return "service";
				}

				@Override
				public void cycle(String user) throws Exception {
					serviceCycle(user);
				}
			};
		}

		Path_ direct() {
			return this.direct;
		}

		Path_ service() {
			return this.servicePath;
		}

		List<Path_> both() {
			return List.of(this.direct, this.servicePath);
		}

		/**
		 * What the service sends for the same relay: the app's push URL and SEI settings
		 * (config/streamrelay.yml, demo-app), the task id a client SDK would use.
		 */
		private void directCycle(String endpoint, String user) throws ClientException {
			String taskId = MpuTaskIds.of(APP, "bench", user);
			StartLiveMPUTaskRequest start = new StartLiveMPUTaskRequest();
			start.setSysEndpoint(endpoint);
			start.setSysProtocol(ProtocolType.HTTP);
			start.setAppId(APP);
			start.setChannelId("bench");
			start.setTaskId(taskId);
			start.setMixMode("0");
			StartLiveMPUTaskRequest.SingleSubParams single = new StartLiveMPUTaskRequest.SingleSubParams();
			single.setStreamType("0");
			single.setSourceType("camera");
			single.setUserId(user);
			start.setSingleSubParams(single);
			start.setStreamURL("rtmp://push.example.com/live/" + APP + "_bench_" + user + "_camera");
			start.putQueryParameter("SeiParams", "{\"LayoutVolume\":{\"FollowIdr\":\"1\",\"Interval\":\"2000\"}}");
			this.sdk.getAcsResponse(start);
			StopLiveMPUTaskRequest stop = new StopLiveMPUTaskRequest();
			stop.setSysEndpoint(endpoint);
			stop.setSysProtocol(ProtocolType.HTTP);
			stop.setAppId(APP);
			stop.setTaskId(taskId);
			this.sdk.getAcsResponse(stop);
		}

		private void serviceCycle(String user) throws IOException, InterruptedException {
			HttpResponse<String> started = send(HttpRequest
				.newBuilder(uri(this.service, "/v1/apps/" + APP + "/relay-tasks"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"channelId\":\"bench\",\"mode\":\"single\",\"single\":{\"userId\":\"" + user + "\"}}")),
					201);
			String location = started.headers()
				.firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("201 without Location"));
			send(HttpRequest.newBuilder(uri(this.service, location)).DELETE(), 200);
		}

		void emulatorLatency(long latencyMs) throws IOException, InterruptedException {
			this.latencyMs = latencyMs;
			send(HttpRequest.newBuilder(uri(this.emulator, "/emulator/faults")).DELETE(), 204);
			if (latencyMs > 0) {
				send(HttpRequest.newBuilder(uri(this.emulator, "/emulator/faults"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"kind\":\"LATENCY\",\"count\":-1,\"latencyMs\":" + latencyMs + "}")), 201);
			}
		}

		void resetEmulator() throws IOException, InterruptedException {
			send(HttpRequest.newBuilder(uri(this.emulator, "/emulator/reset"))
				.POST(HttpRequest.BodyPublishers.noBody()), 204);
			// the reset clears the fault plan too: put the latency rule back
			emulatorLatency(this.latencyMs);
		}

		private static URI uri(String base, String path) {
			return URI.create(base + path);
		}

		private HttpResponse<String> send(HttpRequest.Builder request, int expected)
				throws IOException, InterruptedException {
			HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
			// the emulator's control endpoints take its development key, the service the
			// bench's key
			String key = built.uri().toString().startsWith(this.emulator) ? DEV_KEY : this.apiKey;
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(built, (name, value) -> true)
				.header("Authorization", "Bearer " + key)
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != expected) {
				throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
						+ " answered " + response.statusCode() + " (expected " + expected + "): " + response.body());
			}
			return response;
		}

	}

}
