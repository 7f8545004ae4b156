package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.streamrelay.emulator.FaultPlan.ActiveFault;
import io.streamrelay.emulator.FaultRule.InvalidFaultRule;
import io.streamrelay.emulator.FaultRule.Kind;
import io.streamrelay.emulator.FaultRule.When;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Matching, counting, validation and thread safety of the fault plan. */
class FaultPlanTest {

	private final FaultPlan plan = new FaultPlan(List.of());

	@Test
	void ruleWithActionMatchesOnlyThatAction() {
		this.plan.add(FaultRule.always("StopLiveMPUTask", Kind.THROTTLING));

		assertThat(this.plan.take("StartLiveMPUTask")).isEmpty();
		assertThat(this.plan.take("StopLiveMPUTask")).get().extracting(FaultRule::kind).isEqualTo(Kind.THROTTLING);
	}

	@Test
	void ruleWithoutActionMatchesEveryAction() {
		this.plan.add(FaultRule.always(null, Kind.GARBAGE));

		assertThat(this.plan.take("ListRtcMPUTaskDetail")).isPresent();
		assertThat(this.plan.take("SetLiveMpuTaskSei")).isPresent();
	}

	@Test
	void countedRuleAppliesThatManyTimesThenDisappears() {
		ActiveFault added = this.plan.add(new FaultRule("StartLiveMPUTask", Kind.INTERNAL_ERROR, 2, 0, When.AFTER));
		assertThat(added.remaining()).isEqualTo(2);

		assertThat(this.plan.take("StartLiveMPUTask")).isPresent();
		assertThat(this.plan.rules()).singleElement().extracting(ActiveFault::remaining).isEqualTo(1);
		assertThat(this.plan.take("StartLiveMPUTask")).isPresent();

		assertThat(this.plan.take("StartLiveMPUTask")).isEmpty();
		assertThat(this.plan.rules()).isEmpty();
	}

	@Test
	void earlierRuleWinsAndTheLaterOneTakesOverWhenItRunsOut() {
		this.plan.add(new FaultRule(null, Kind.SERVICE_UNAVAILABLE, 1, 0, When.BEFORE));
		this.plan.add(FaultRule.always(null, Kind.THROTTLING));

		assertThat(this.plan.take("StartLiveMPUTask")).get()
			.extracting(FaultRule::kind)
			.isEqualTo(Kind.SERVICE_UNAVAILABLE);
		assertThat(this.plan.take("StartLiveMPUTask")).get().extracting(FaultRule::kind).isEqualTo(Kind.THROTTLING);
		assertThat(this.plan.take("StartLiveMPUTask")).get().extracting(FaultRule::kind).isEqualTo(Kind.THROTTLING);
	}

	@Test
	void untilClearedRuleNeverRunsOutButClearRemovesIt() {
		this.plan.add(FaultRule.always(null, Kind.DROP_CONNECTION));
		for (int i = 0; i < 100; i++) {
			assertThat(this.plan.take("StopLiveMPUTask")).isPresent();
		}
		assertThat(this.plan.rules()).singleElement()
			.extracting(ActiveFault::remaining)
			.isEqualTo(FaultRule.UNTIL_CLEARED);

		this.plan.clear();

		assertThat(this.plan.take("StopLiveMPUTask")).isEmpty();
	}

	@Test
	void idsIncreaseAndPresetsComeFirst() {
		FaultPlan preset = new FaultPlan(List.of(FaultRule.always("StartLiveMPUTask", Kind.LATENCY)));

		ActiveFault added = preset.add(FaultRule.always(null, Kind.GARBAGE));

		assertThat(preset.rules()).extracting(ActiveFault::id).containsExactly(1L, 2L);
		assertThat(added.id()).isEqualTo(2);
	}

	@Test
	void concurrentRequestsConsumeEachCountExactlyOnce() throws Exception {
		int count = 500;
		this.plan.add(new FaultRule("StartLiveMPUTask", Kind.INTERNAL_ERROR, count, 0, When.BEFORE));
		AtomicInteger faulted = new AtomicInteger();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				workers.add(pool.submit(() -> {
					go.await();
					for (int i = 0; i < 100; i++) {
						this.plan.take("StartLiveMPUTask").ifPresent((rule) -> faulted.incrementAndGet());
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(faulted).hasValue(count);
		assertThat(this.plan.rules()).isEmpty();
	}

	@Test
	void latenciesAreSleptUnlessATestPacesThem() {
		assertThat(this.plan.pacing()).isSameAs(FaultPacing.SLEEP);
		HeldRequests held = new HeldRequests();

		this.plan.pace(held);

		assertThat(this.plan.pacing()).isSameAs(held);
		assertThatThrownBy(() -> this.plan.pace(null)).isInstanceOf(NullPointerException.class);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null",
			value = { "Nope, LATENCY, 1, 0, action", "null, null, 1, 0, kind", "null, LATENCY, 0, 0, count",
					"null, LATENCY, -2, 0, count", "null, LATENCY, 1, -1, latencyMs",
					"null, LATENCY, 1, 120001, latencyMs" })
	void rejectsInvalidRuleNamingTheField(String action, Kind kind, int count, long latencyMs, String field) {
		assertThatThrownBy(() -> new FaultRule(action, kind, count, latencyMs, When.BEFORE))
			.isInstanceOfSatisfying(InvalidFaultRule.class, (ex) -> assertThat(ex.field()).isEqualTo(field));
	}

	@Test
	void whenDefaultsToBeforeAndTheLatencyBoundIsInclusive() {
		assertThat(new FaultRule(null, Kind.LATENCY, -1, FaultRule.MAX_LATENCY_MS, null).when()).isEqualTo(When.BEFORE);
	}

}
