package io.streamrelay.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code scripts/bench} passes: the jars, the launch recipe, and how long each phase
 * runs (every phase is bounded: rounds x round time per path and scenario).
 */
record BenchOptions(Path jar, Path minimalJar, Path launchScript, Path configDir, Path workDir, int rounds,
		Duration roundTime, Duration warmup, int startupRuns, boolean load, boolean profile, String databaseUrl) {

	static BenchOptions parse(String[] args) {
		Path jar = null;
		Path minimal = null;
		Path launch = null;
		Path config = Path.of("config");
		Path work = Path.of("target/bench");
		int rounds = 3;
		Duration round = Duration.ofSeconds(10);
		Duration warmup = Duration.ofSeconds(30);
		int startupRuns = 3;
		boolean load = true;
		boolean profile = false;
		String databaseUrl = null;
		for (int i = 0; i < args.length; i++) {
			String value = (i + 1 < args.length) ? args[i + 1] : null;
			switch (args[i]) {
				case "--jar" -> jar = Path.of(value);
				case "--minimal-jar" -> minimal = Path.of(value);
				case "--launch" -> launch = Path.of(value);
				case "--config" -> config = Path.of(value);
				case "--work" -> work = Path.of(value);
				case "--rounds" -> rounds = Integer.parseInt(value);
				case "--round-seconds" -> round = Duration.ofSeconds(Integer.parseInt(value));
				case "--warmup-seconds" -> warmup = Duration.ofSeconds(Integer.parseInt(value));
				case "--startup-runs" -> startupRuns = Integer.parseInt(value);
				case "--database-url" -> databaseUrl = value;
				case "--profile" -> {
					profile = true;
					i--;
				}
				case "--no-load" -> {
					load = false;
					i--;
				}
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
			i++;
		}
		if (jar == null || minimal == null || launch == null) {
			throw new IllegalArgumentException("--jar, --minimal-jar and --launch are required");
		}
		if (rounds < 1 || rounds > 20 || round.toSeconds() < 1 || round.toSeconds() > 120 || startupRuns > 20) {
			throw new IllegalArgumentException("rounds 1-20, round-seconds 1-120, startup-runs 0-20");
		}
		return new BenchOptions(jar.toAbsolutePath(), minimal.toAbsolutePath(), launch.toAbsolutePath(),
				config.toAbsolutePath(), work.toAbsolutePath(), rounds, round, warmup, startupRuns, load, profile,
				databaseUrl);
	}

	@Override
	public String toString() {
		return "rounds=" + this.rounds + " x " + this.roundTime.toSeconds() + " s per path and scenario, warm-up "
				+ this.warmup.toSeconds() + " s, start-up runs=" + this.startupRuns + ", launch=" + this.launchScript
				+ ", database=" + ((this.databaseUrl != null) ? this.databaseUrl : "the H2 file database (default)");
	}

}
