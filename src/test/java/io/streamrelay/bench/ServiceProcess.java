package io.streamrelay.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One process of the bench, started in its own working directory (its own H2 file
 * database and a copy of {@code config/}), timed from spawn to its first answer.
 */
final class ServiceProcess {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final int port;

	private final long readyMillis;

	private ServiceProcess(Process process, int port, long readyMillis) {
		this.process = process;
		this.port = port;
		this.readyMillis = readyMillis;
	}

	/** The service by its shipped launch recipe, {@code scripts/launch}. */
	static ServiceProcess start(BenchOptions options, Path dir, List<String> extraArgs)
			throws IOException, InterruptedException {
		return start(options, dir, extraArgs, Map.of());
	}

	/** The same with extra environment, e.g. JAVA_TOOL_OPTIONS for a JFR recording. */
	static ServiceProcess start(BenchOptions options, Path dir, List<String> extraArgs, Map<String, String> env)
			throws IOException, InterruptedException {
		Files.createDirectories(dir.resolve("config"));
		try (Stream<Path> files = Files.list(options.configDir())) {
			for (Path file : files.toList()) {
				Files.copy(file, dir.resolve("config").resolve(file.getFileName()));
			}
		}
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(options.launchScript().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(extraArgs);
		return launch(command, dir, port, "/actuator/health/readiness", env);
	}

	/**
	 * The vendor: the standalone emulator of the same jar, plain {@code java -jar}, its
	 * event callbacks off (there is no one to call back on the direct path).
	 */
	static ServiceProcess startEmulator(BenchOptions options, Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		int port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return launch(List.of(java, "-jar", options.jar().toString(), "--streamrelay.emulator.standalone=true",
				"--streamrelay.emulator.events.callbacks=false", "--server.port=" + port, "--server.address=127.0.0.1"),
				dir, port, "/actuator/health", Map.of());
	}

	/** The yardstick: the smallest Spring Boot web app, plain {@code java -jar}. */
	static ServiceProcess startMinimal(BenchOptions options, Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		int port = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return launch(List.of(java, "-jar", options.minimalJar().toString(), "--server.port=" + port,
				"--server.address=127.0.0.1"), dir, port, "/hello", Map.of());
	}

	private static ServiceProcess launch(List<String> command, Path dir, int port, String readyPath,
			Map<String, String> env) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("process.log").toFile());
		// the launch script picks its java the way the shell would; the bench's own JVM
		// decides
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().putAll(env);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
		HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readyPath))
			.timeout(Duration.ofSeconds(2))
			.build();
		long spawned = System.nanoTime();
		Process process = builder.start();
		long deadline = spawned + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"the process ended with " + process.exitValue() + " before answering: see " + dir);
			}
			try {
				if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return new ServiceProcess(process, port, (System.nanoTime() - spawned) / 1_000_000);
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			// polling every 10 ms: the resolution of the start-up figure
			process.waitFor(10, TimeUnit.MILLISECONDS);
		}
		process.destroyForcibly();
		throw new IllegalStateException("no answer on " + readyPath + " within " + READY_TIMEOUT + ": see " + dir);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	long pid() {
		return this.process.pid();
	}

	int port() {
		return this.port;
	}

	long readyMillis() {
		return this.readyMillis;
	}

	/**
	 * CPU time (user + system) the process has used so far, in milliseconds, from
	 * /proc/&lt;pid&gt;/stat (clock ticks of 10 ms).
	 */
	long cpuMillis() throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// after the command: state is field 3 of the line, utime 14 and stime 15
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
	}

	/** VmRSS of the process (the launch script execs java, so the pid is the JVM's). */
	long residentKib() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("no VmRSS for pid " + pid());
	}

	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(40, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
