package io.streamrelay.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to its end with a deadline: its output (standard output and error
 * together) goes to a file, so that a child that hangs cannot hold the test in a blocking
 * read; past the deadline it is killed and the test fails with what it wrote.
 */
public final class ChildProcess {

	private ChildProcess() {
	}

	public static Result run(ProcessBuilder builder, Duration deadline) throws IOException, InterruptedException {
		Path output = Files.createTempFile("child-process", ".log");
		try {
			Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
			boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
			if (!ended) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new AssertionError("%s did not end within %s; it wrote:%n%s".formatted(builder.command(),
						deadline, Files.readString(output, StandardCharsets.UTF_8)));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/** How the child ended and what it wrote. */
	public record Result(int exit, String output) {
	}

}
