package io.streamrelay.performance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.streamrelay.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code config/jvm.options} is one launch recipe for every way the service starts: the
 * JVM accepts every option in it, and scripts/launch, the Dockerfile and
 * {@code ./mvnw spring-boot:run} all use it.
 */
class JvmOptionsTest {

	static final Path OPTIONS = Path.of("config/jvm.options");

	@Test
	void theJvmAcceptsEveryOption() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ChildProcess.Result result = ChildProcess.run(
				new ProcessBuilder(java.toString(), "@" + OPTIONS.toAbsolutePath(), "-XX:+PrintFlagsFinal", "-version"),
				Duration.ofSeconds(60));
		assertThat(result.exit()).as(result.output()).isZero();
		// the options took effect, not just parsed
		assertThat(result.output()).containsPattern("bool UseSerialGC\\s+= true")
			.containsPattern("size_t MaxHeapSize\\s+= " + 128L * 1024 * 1024);
	}

	/**
	 * As many platform threads as Tomcat has on Java 17 (200), each committing MVStore
	 * chunks of a few hundred KiB to an H2 file: with {@code -XX:MaxDirectMemorySize=16m}
	 * alone NIO's per-thread buffer cache ran out of direct memory (already at 64
	 * threads) and H2 refused every request after.
	 */
	@Test
	void h2FileWritesFromAllRequestThreadsFitTheDirectMemory(@TempDir Path directory)
			throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ChildProcess.Result result = ChildProcess.run(new ProcessBuilder(java.toString(),
				"@" + OPTIONS.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
				H2WritesProbe.class.getName(), directory.toString(), "200", "5"), Duration.ofSeconds(180));
		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("H2 WRITES OK: 200 threads x 5 commits");
	}

	@Test
	void everyLaunchUsesTheFile() throws IOException {
		assertThat(Files.readString(Path.of("scripts/launch"))).contains("OPTIONS=\"$ROOT/config/jvm.options\"")
			.contains("@\"$OPTIONS\"");
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("COPY config/jvm.options /app/jvm.options")
			.contains("ENTRYPOINT [\"java\", \"@/app/jvm.options\"")
			.contains("RUN java @/app/jvm.options -XX:ArchiveClassesAtExit=");
		assertThat(Files.readString(Path.of("pom.xml")))
			.contains("<jvmArguments>@${project.basedir}/config/jvm.options</jvmArguments>");
	}

	@Test
	void oneOptionALineAndCommentsOnTheirOwnLines() throws IOException {
		List<String> options = Files.readAllLines(OPTIONS)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(options).isNotEmpty().allMatch((line) -> line.startsWith("-") && !line.contains(" "));
	}

}
