package io.streamrelay.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL instance of the harness's own ({@code initdb} into a temporary
 * directory, its own port and socket directory), so that restarting it under load never
 * disturbs the machine's cluster or anyone else's tests. Run as the {@code postgres} OS
 * user when the harness runs as root (PostgreSQL refuses to run as root).
 */
final class PrivatePostgres implements AutoCloseable {

	static final String BIN_PROPERTY = "crash.postgres.bin";

	private final Path bin;

	private final Path directory;

	private final int port;

	private PrivatePostgres(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * The PostgreSQL server binaries: {@code -Dcrash.postgres.bin}, or the newest under
	 * /usr/lib/postgresql.
	 */
	static Optional<Path> binaries() {
		String configured = System.getProperty(BIN_PROPERTY, System.getenv("STREAMRELAY_POSTGRES_BIN"));
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter((p) -> Files.isExecutable(p.resolve("initdb")));
		}
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return Optional.empty();
		}
		try (var versions = Files.list(root)) {
			return versions.map((v) -> v.resolve("bin"))
				.filter((b) -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
				.max((a, b) -> Integer.compare(major(a), major(b)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static int major(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	static PrivatePostgres create(Path bin, int port) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("streamrelay-crash-pg");
		PrivatePostgres postgres = new PrivatePostgres(bin, directory, port);
		if (asRoot()) {
			postgres.run(List.of("chown", "postgres", directory.toString()), false);
		}
		postgres.run(List.of(bin.resolve("initdb").toString(), "-D", postgres.data(), "-A", "trust", "-U", "postgres",
				"-E", "UTF8", "--no-sync"), true);
		postgres.start();
		postgres.run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
				"postgres", "crash"), true);
		return postgres;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/crash";
	}

	void start() throws IOException, InterruptedException {
		// fsync off: the harness kills the service, never the machine; the server itself
		// is always stopped cleanly
		pgCtl("start", "-l", this.directory.resolve("postgres.log").toString(), "-o",
				"-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off");
	}

	void stop() throws IOException, InterruptedException {
		pgCtl("stop", "-m", "fast");
	}

	private void pgCtl(String command, String... options) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(
				List.of(this.bin.resolve("pg_ctl").toString(), command, "-D", data(), "-w", "-t", "60"));
		line.addAll(List.of(options));
		run(line, true);
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		if (asPostgres && asRoot()) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(command);
		Path output = Files.createTempFile("streamrelay-crash-pg", ".out");
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.directory(Path.of("/tmp").toFile())
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", line) + " failed: " + Files.readString(output));
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean asRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	@Override
	public void close() throws IOException {
		try {
			try {
				pgCtl("stop", "-m", "immediate");
			}
			catch (IllegalStateException ex) {
				// already stopped
			}
			run(List.of("rm", "-rf", this.directory.toString()), false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
