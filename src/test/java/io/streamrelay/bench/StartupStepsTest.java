package io.streamrelay.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.streamrelay.bench.StartupSteps.Step;
import io.streamrelay.bench.StartupSteps.Timed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupStepsTest {

	private static Step bean(long id, Long parent, String name, long millis) {
		return new Step(id, parent, "spring.beans.instantiate", name, Duration.ofMillis(millis));
	}

	@Test
	void aBeanIsChargedOnlyForItsOwnTimeNotForTheBeansItPulledIn() {
		List<Step> steps = List.of(new Step(1, null, "spring.context.refresh", null, Duration.ofMillis(1000)),
				bean(2, 1L, "relayTaskService", 300), bean(3, 2L, "dataSource", 250), bean(4, 3L, "flyway", 200),
				bean(5, 1L, "objectMapper", 40));

		List<Timed> slowest = StartupSteps.slowestBeans(steps, 3);

		assertThat(slowest).extracting((timed) -> timed.step().bean())
			.containsExactly("flyway", "dataSource", "relayTaskService");
		assertThat(slowest).extracting(Timed::own)
			.containsExactly(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(50));
	}

	@Test
	void ownTimeByKindAddsUpToTheRootStepsDuration() {
		List<Step> steps = List.of(new Step(1, null, "spring.context.refresh", null, Duration.ofMillis(1000)),
				bean(2, 1L, "a", 300), bean(3, 2L, "b", 100),
				new Step(4, 1L, "spring.context.beans.post-process", null, Duration.ofMillis(150)));

		assertThat(StartupSteps.ownTimeByKind(steps)).containsExactly(
				Map.entry("spring.context.refresh", Duration.ofMillis(550)),
				Map.entry("spring.beans.instantiate", Duration.ofMillis(300)),
				Map.entry("spring.context.beans.post-process", Duration.ofMillis(150)));
	}

	@Test
	void aStepShorterThanWhatIsRecordedInsideItCountsAsZeroNotNegative() {
		List<Step> steps = List.of(bean(1, null, "outer", 10), bean(2, 1L, "inner", 12));

		assertThat(StartupSteps.ownTimes(steps)).extracting(Timed::own)
			.containsExactly(Duration.ZERO, Duration.ofMillis(12));
	}

	@Test
	void aRealStartOfTheServiceNamesItsBeansAndTheirTimes() {
		String report = StartupSteps.run("--top", "400", "--streamrelay.reconciler.enabled=false");

		assertThat(report).containsPattern("SpringApplication.run \\d+ ms")
			.containsPattern("\\d+\\.\\d ms  spring.beans.instantiate")
			.contains("  flyway")
			.contains("relayTaskService");
	}

}
