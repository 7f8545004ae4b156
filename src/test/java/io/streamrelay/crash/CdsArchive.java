package io.streamrelay.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive of the jar, as the Dockerfile builds one: the jar is
 * extracted and started once to record its classes; every later start maps them instead
 * of loading them (the harness restarts the service a hundred times on a busy machine).
 * Without it (extraction or training failed) the plain jar is used.
 */
record CdsArchive(Path jar, List<String> javaOptions) {

	static CdsArchive prepare(Path jar, Path work) throws InterruptedException {
		try {
			Path directory = Files.createDirectories(work.resolve("cds"));
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			run(directory, java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
					directory.resolve("app").toString());
			Path extracted;
			try (var files = Files.list(directory.resolve("app"))) {
				extracted = files.filter((p) -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
			}
			Path archive = directory.resolve("app.jsa");
			run(directory, java, "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
					extracted.toString(), "--spring.datasource.url=jdbc:h2:mem:training", "--server.port=0");
			if (Files.size(archive) > 0) {
				return new CdsArchive(extracted, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
			}
		}
		catch (IOException | RuntimeException ex) {
			System.out.println("[crash] no CDS archive (" + ex + "): starting the plain jar");
		}
		return new CdsArchive(jar, List.of());
	}

	private static void run(Path directory, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(directory.resolve("training.log").toFile())
			.start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", line) + " failed, see " + directory);
		}
	}

}
