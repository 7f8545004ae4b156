package io.streamrelay.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.streamrelay.StreamRelayApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Which beans make the start-up slow (issue 10, docs/performance.md "Start-up"): starts
 * the service in this JVM with Spring's {@link BufferingApplicationStartup} — emulator
 * mode, an in-memory database, a random port, as the class cache's training start of
 * {@code scripts/launch} — and prints the start-up steps by their own time (a step's time
 * minus the time of the steps nested in it, so a bean is not charged for the beans it
 * pulled in): the slowest beans, and the time of every kind of step.
 * <p>
 * {@code scripts/startup-steps [--top N] [service arguments…]}; a cold JVM, so run it a
 * few times: the first start after a build also pays for the disk cache.
 */
public final class StartupSteps {

	private StartupSteps() {
	}

	public static void main(String[] args) {
		System.out.print(run(args));
	}

	/**
	 * Starts the service once with the given arguments, stops it, and answers the report.
	 * The context is only opened to be closed: the try-with-resources stops it.
	 */
	@SuppressWarnings("try")
	static String run(String... args) {
		int top = 20;
		List<String> serviceArgs = new ArrayList<>(List.of("--streamrelay.upstream.mode=emulator",
				"--spring.datasource.url=jdbc:h2:mem:startup-steps", "--server.port=0"));
		for (int i = 0; i < args.length; i++) {
			if ("--top".equals(args[i]) && i + 1 < args.length) {
				top = Integer.parseInt(args[++i]);
			}
			else {
				serviceArgs.add(args[i]);
			}
		}
		BufferingApplicationStartup startup = new BufferingApplicationStartup(500_000);
		SpringApplication application = new SpringApplication(StreamRelayApplication.class);
		application.setApplicationStartup(startup);
		long began = System.nanoTime();
		try (ConfigurableApplicationContext context = application.run(serviceArgs.toArray(String[]::new))) {
			Duration total = Duration.ofNanos(System.nanoTime() - began);
			List<Step> steps = startup.getBufferedTimeline().getEvents().stream().map(StartupSteps::step).toList();
			return report(steps, total, top);
		}
	}

	static Step step(TimelineEvent event) {
		StartupStep step = event.getStartupStep();
		String bean = null;
		for (StartupStep.Tag tag : step.getTags()) {
			if ("beanName".equals(tag.getKey())) {
				bean = tag.getValue();
			}
		}
		return new Step(step.getId(), step.getParentId(), step.getName(), bean, event.getDuration());
	}

	/** Each step's own time: its duration minus that of the steps whose parent it is. */
	static List<Timed> ownTimes(List<Step> steps) {
		Map<Long, Duration> nested = new HashMap<>();
		for (Step step : steps) {
			if (step.parentId() != null) {
				nested.merge(step.parentId(), step.duration(), Duration::plus);
			}
		}
		List<Timed> timed = new ArrayList<>();
		for (Step step : steps) {
			Duration own = step.duration().minus(nested.getOrDefault(step.id(), Duration.ZERO));
			timed.add(new Timed(step, own.isNegative() ? Duration.ZERO : own));
		}
		return timed;
	}

	/** The {@code top} bean instantiations by own time, slowest first (ties by name). */
	static List<Timed> slowestBeans(List<Step> steps, int top) {
		return ownTimes(steps).stream()
			.filter((timed) -> timed.step().bean() != null)
			.sorted(Comparator.comparing(Timed::own).reversed().thenComparing((timed) -> timed.step().bean()))
			.limit(top)
			.toList();
	}

	/** Own time summed per kind of step, largest first. */
	static Map<String, Duration> ownTimeByKind(List<Step> steps) {
		Map<String, Duration> byKind = new HashMap<>();
		for (Timed timed : ownTimes(steps)) {
			byKind.merge(timed.step().name(), timed.own(), Duration::plus);
		}
		Map<String, Duration> sorted = new LinkedHashMap<>();
		byKind.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Duration>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	static String report(List<Step> steps, Duration total, int top) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "[startup-steps] %d steps recorded, SpringApplication.run %d ms%n",
				steps.size(), total.toMillis()));
		out.append(String.format(Locale.ROOT, "[startup-steps] own time by kind of step:%n"));
		ownTimeByKind(steps).forEach(
				(kind, own) -> out.append(String.format(Locale.ROOT, "  %7.1f ms  %s%n", own.toNanos() / 1e6, kind)));
		out.append(String.format(Locale.ROOT, "[startup-steps] the %d slowest beans by own time:%n", top));
		for (Timed timed : slowestBeans(steps, top)) {
			out.append(
					String.format(Locale.ROOT, "  %7.1f ms  %s%n", timed.own().toNanos() / 1e6, timed.step().bean()));
		}
		return out.toString();
	}

	/** One recorded start-up step; {@code bean} is set for bean instantiations. */
	record Step(long id, Long parentId, String name, String bean, Duration duration) {
	}

	/** A step and its own time. */
	record Timed(Step step, Duration own) {
	}

}
