package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamrelay.emulator.FaultPlan.ActiveFault;
import io.streamrelay.emulator.FaultRule.Kind;
import io.streamrelay.emulator.FaultRule.When;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Fault rules preset through {@code streamrelay.emulator.faults[n].*} are bound,
 * validated and planned at start-up.
 */
class FaultPresetsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(EmulatorConfiguration.class);

	@Test
	void presetRulesArePlannedInOrderWithDefaults() {
		this.runner
			.withPropertyValues("streamrelay.emulator.faults[0].action=StartLiveMPUTask",
					"streamrelay.emulator.faults[0].kind=LATENCY", "streamrelay.emulator.faults[0].latency-ms=500",
					"streamrelay.emulator.faults[0].count=-1", "streamrelay.emulator.faults[1].kind=internal-error",
					"streamrelay.emulator.faults[1].when=after")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(FaultPlan.class).rules()).extracting(ActiveFault::rule)
					.containsExactly(new FaultRule("StartLiveMPUTask", Kind.LATENCY, -1, 500, When.BEFORE),
							new FaultRule(null, Kind.INTERNAL_ERROR, 1, 0, When.AFTER));
			});
	}

	@Test
	void noPresetsMeansAnEmptyPlan() {
		this.runner.run((context) -> assertThat(context.getBean(FaultPlan.class).rules()).isEmpty());
	}

	@Test
	void invalidPresetStopsTheStartUpNamingTheField() {
		this.runner
			.withPropertyValues("streamrelay.emulator.faults[0].kind=LATENCY",
					"streamrelay.emulator.faults[0].latency-ms=120001")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("latencyMs must be in [0, 120000]"));
	}

	@Test
	void presetWithoutKindStopsTheStartUp() {
		this.runner.withPropertyValues("streamrelay.emulator.faults[0].count=3")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("kind is required"));
	}

}
