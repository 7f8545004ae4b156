package io.streamrelay.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * The two processes of the load phase, as in production: the vendor (the standalone
 * emulator, plain {@code java -jar}, callbacks off) and the service ({@code aliyun} mode
 * pointed at it over loopback HTTP, by its shipped launch), with an API key made for the
 * run. The emulator's own CPU and memory are then not the service's.
 */
record Processes(ServiceProcess emulator, ServiceProcess service, String apiKey) implements AutoCloseable {

	/**
	 * The per-key request limit and the vendor rate limiters are raised for the run, so
	 * neither is what is measured.
	 */
	static final List<String> RAISED_LIMITS = List.of("--streamrelay.security.requests-per-second-per-key=100000",
			"--resilience4j.ratelimiter.instances.vendor-start.limit-for-period=100000",
			"--resilience4j.ratelimiter.instances.vendor-stop.limit-for-period=100000");

	static Processes start(BenchOptions options, Path dir, Map<String, String> serviceEnv) throws Exception {
		ServiceProcess emulator = ServiceProcess.startEmulator(options, dir.resolve("emulator"));
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String key = "bench-" + HexFormat.of().formatHex(random);
		List<String> args = new ArrayList<>(List.of("--streamrelay.upstream.mode=aliyun",
				"--streamrelay.upstream.endpoint=127.0.0.1:" + emulator.port(), "--streamrelay.upstream.protocol=HTTP",
				"--streamrelay.upstream.access-key-id=LTAIemulatorKey",
				"--streamrelay.upstream.access-key-secret=emulator-secret",
				"--streamrelay.security.development-key-enabled=false", "--streamrelay.security.api-keys[0].name=bench",
				"--streamrelay.security.api-keys[0].sha256=" + DigestUtils.sha256Hex(key),
				"--streamrelay.security.api-keys[0].apps[0]=" + RelayBench.APP,
				"--streamrelay.security.api-keys[0].role=WRITE"));
		args.addAll(RAISED_LIMITS);
		if (options.databaseUrl() != null) {
			// e.g. jdbc:postgresql://127.0.0.1:5432/bench: an empty database of its own
			// (user postgres)
			args.add("--spring.datasource.url=" + options.databaseUrl());
			args.add("--spring.datasource.username=postgres");
		}
		try {
			return new Processes(emulator, ServiceProcess.start(options, dir.resolve("service"), args, serviceEnv),
					key);
		}
		catch (Exception ex) {
			emulator.stop();
			throw ex;
		}
	}

	@Override
	public void close() {
		try {
			try {
				this.service.stop();
			}
			finally {
				this.emulator.stop();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
