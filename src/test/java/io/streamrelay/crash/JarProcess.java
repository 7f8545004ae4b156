package io.streamrelay.crash;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One process of the packaged jar (the standalone emulator or the service), started,
 * waited for and killed the way an operator or the kernel would: {@code kill -9} is
 * {@link Process#destroyForcibly()} (SIGKILL).
 */
final class JarProcess {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final CdsArchive jar;

	private final Path log;

	private final int port;

	private final List<String> arguments;

	private Process process;

	JarProcess(String name, CdsArchive jar, Path log, int port, List<String> arguments) {
		this.name = name;
		this.jar = jar;
		this.log = log;
		this.port = port;
		this.arguments = List.copyOf(arguments);
	}

	int port() {
		return this.port;
	}

	void start() throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-Xmx384m"));
		command.addAll(this.jar.javaOptions());
		command.addAll(List.of("-jar", this.jar.jar().toString(), "--server.port=" + this.port,
				"--spring.main.banner-mode=off"));
		command.addAll(this.arguments);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
	}

	/** Waits until readiness answers 200; fails if the process died or took too long. */
	void awaitReady(Duration atMost) {
		Awaitility.await(this.name + " ready (log: " + this.log + ")")
			.atMost(atMost)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
							+ " before it was ready; see " + this.log);
				}
				return readiness() == 200;
			});
	}

	int readiness() {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5))
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/** SIGKILL: no shutdown hook, no graceful shutdown, nothing flushed by the JVM. */
	void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " survived SIGKILL");
		}
	}

	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

}
