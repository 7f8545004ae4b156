package io.streamrelay.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's CPU goes, from the execution samples of a JFR recording: a sample
 * belongs to the vendor call, the database or logging when their code is anywhere on its
 * stack ({@link #OWNERS}), else to the layer of its innermost recognised frame
 * ({@link #LAYERS}). The emulator's own work is the vendor's side: it is the same on the
 * direct path and is reported apart.
 * {@code java -cp … io.streamrelay.bench.JfrBreakdown file.jfr}
 */
public final class JfrBreakdown {

	/**
	 * Categories that own a sample wherever they are on its stack, in this order: what
	 * runs inside a vendor call, a database call or a log statement belongs to it.
	 */
	static final Map<String, List<String>> OWNERS = owners();

	/**
	 * The other categories: the innermost frame that matches one decides (so JSON written
	 * inside the idempotency filter is JSON, and the filter's own code is idempotency).
	 */
	static final Map<String, List<String>> LAYERS = layers();

	static final String OTHER = "other Java code (JDK, Spring core, threads)";

	private JfrBreakdown() {
	}

	private static Map<String, List<String>> owners() {
		Map<String, List<String>> owners = new LinkedHashMap<>();
		owners.put("vendor side (emulator code; same on the direct path)", List.of("io.streamrelay.emulator."));
		owners.put("SDK call, client side (request, signature, HTTP, answer parsing)",
				List.of("com.aliyuncs.", "io.streamrelay.upstream.aliyun."));
		owners.put("database (JDBC, pool, H2, transactions, row mapping)",
				List.of("org.h2.", "com.zaxxer.hikari.", "org.springframework.jdbc.",
						"org.springframework.transaction.", "org.postgresql.", "io.streamrelay.relaytask.persistence.",
						"io.streamrelay.events.JdbcVendorEvents", "io.streamrelay.relaycheck.JdbcRelayChecks",
						"io.streamrelay.idempotency.IdempotencyKeys"));
		owners.put("logging (log lines, MDC)", List.of("ch.qos.logback.", "org.slf4j."));
		return owners;
	}

	private static Map<String, List<String>> layers() {
		Map<String, List<String>> layers = new LinkedHashMap<>();
		layers.put("JSON (Jackson: request, answer, stored spec)", List.of("tools.jackson.", "com.fasterxml.jackson."));
		layers.put("validation (spec rules, bean validation)",
				List.of("io.streamrelay.relaytask.spec.", "org.hibernate.validator.", "jakarta.validation."));
		layers.put("idempotency (filter)", List.of("io.streamrelay.idempotency."));
		layers.put("security (API key, authorization, firewall)",
				List.of("org.springframework.security.", "io.streamrelay.security."));
		layers.put("metrics and observations (Micrometer)", List.of("io.micrometer."));
		layers.put("resilience (Resilience4j)",
				List.of("io.github.resilience4j.", "io.streamrelay.upstream.resilience."));
		layers.put("the use case, history and views (service code)", List.of("io.streamrelay."));
		layers.put("HTTP (Tomcat, Spring MVC, filters)", List.of("org.apache.catalina.", "org.apache.coyote.",
				"org.apache.tomcat.", "org.springframework.web.", "jakarta.servlet."));
		return layers;
	}

	public static void main(String[] args) throws IOException {
		System.out.print(table(Path.of(args[0])));
		if (args.length > 1 && args[1].equals("--detail")) {
			System.out.print(detail(Path.of(args[0])));
		}
	}

	/**
	 * Per category, the service's frames (io.streamrelay) nearest the leaf and the leaf
	 * methods that took the most samples: where to look next.
	 */
	static String detail(Path recording) throws IOException {
		Map<String, Map<String, Long>> hot = new LinkedHashMap<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
				continue;
			}
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			String own = frames.stream()
				.map((frame) -> frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
				.filter((name) -> name.startsWith("io.streamrelay."))
				.findFirst()
				.orElse("-");
			String leaf = frames.isEmpty() ? "-"
					: frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
			hot.computeIfAbsent(category(event.getStackTrace()), (k) -> new LinkedHashMap<>())
				.merge(own + "  <-  " + leaf, 1L, Long::sum);
		}
		StringBuilder out = new StringBuilder();
		hot.forEach((category, methods) -> {
			out.append("\n").append(category).append('\n');
			methods.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(12)
				.forEach((entry) -> out
					.append(String.format(Locale.ROOT, "  %5d  %s%n", entry.getValue(), entry.getKey())));
		});
		return out.toString();
	}

	static String table(Path recording) throws IOException {
		return table(recording, Instant.MIN);
	}

	/** The samples taken from {@code from} on (after a warm-up). */
	static String table(Path recording, Instant from) throws IOException {
		Map<String, Long> counts = new LinkedHashMap<>();
		OWNERS.keySet().forEach((category) -> counts.put(category, 0L));
		LAYERS.keySet().forEach((category) -> counts.put(category, 0L));
		counts.put(OTHER, 0L);
		long total = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStartTime().isBefore(from)) {
				continue;
			}
			total++;
			counts.merge(category(event.getStackTrace()), 1L, Long::sum);
		}
		long vendor = counts.values().iterator().next();
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%d execution samples, %d of them the service's own%n", total,
				total - vendor));
		out.append("| Where | Share of all samples | Share of the service's own |\n|---|---:|---:|\n");
		for (Map.Entry<String, Long> entry : counts.entrySet()) {
			boolean isVendor = OWNERS.keySet().iterator().next().equals(entry.getKey());
			out.append(String.format(Locale.ROOT, "| %s | %.1f %% | %s |%n", entry.getKey(),
					100.0 * entry.getValue() / Math.max(1, total), isVendor ? "—" : String.format(Locale.ROOT,
							"%.1f %%", 100.0 * entry.getValue() / Math.max(1, total - vendor))));
		}
		return out.toString();
	}

	static String category(RecordedStackTrace stack) {
		if (stack == null) {
			return OTHER;
		}
		List<String> types = stack.getFrames().stream().map((frame) -> frame.getMethod().getType().getName()).toList();
		for (Map.Entry<String, List<String>> owner : OWNERS.entrySet()) {
			if (types.stream().anyMatch((type) -> matches(type, owner.getValue()))) {
				return owner.getKey();
			}
		}
		for (String type : types) {
			for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
				if (matches(type, layer.getValue())) {
					return layer.getKey();
				}
			}
		}
		return OTHER;
	}

	private static boolean matches(String type, List<String> prefixes) {
		return prefixes.stream().anyMatch(type::startsWith);
	}

}
