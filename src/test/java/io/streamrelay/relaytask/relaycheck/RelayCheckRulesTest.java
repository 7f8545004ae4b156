package io.streamrelay.relaytask.relaycheck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.VendorFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDN check's rules on an injected time line, without Spring. */
class RelayCheckRulesTest {

	static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

	static final Duration GRACE = Duration.ofMinutes(2);

	static final RelayTask TASK = RelayTask
		.starting("app1", "t1",
				new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null,
						List.of("rtmp://push.example.com/live/s1"), null, null, null),
				T0)
		.started("REQ", T0)
		.after();

	@Test
	void offlineWithinTheGraceIsRecordedWithoutAHistoryEntry() {
		RelayCheckRules.Outcome first = RelayCheckRules.observe(TASK, Optional.empty(), false, T0, GRACE);
		RelayCheckRules.Outcome later = RelayCheckRules.observe(TASK, Optional.of(first.check()), false,
				T0.plus(GRACE).minusSeconds(1), GRACE);

		assertThat(later.transition()).isEmpty();
		assertThat(later.check().since()).isEqualTo(T0);
		assertThat(later.check().online()).isFalse();
	}

	@Test
	void offlinePastTheGraceIsReportedOnceWithLastErrorRelayOffline() {
		RelayCheck offlineSince = new RelayCheck("app1", "t1", false, T0, T0, false);
		RelayCheckRules.Outcome past = RelayCheckRules.observe(TASK, Optional.of(offlineSince), false, T0.plus(GRACE),
				GRACE);

		assertThat(past.transition()).isPresent();
		RelayTask after = past.transition().get().after();
		assertThat(after.state()).isEqualTo(RelayTaskState.ACTIVE);
		assertThat(after.lastError().code()).isEqualTo(VendorFacts.RELAY_OFFLINE);
		RelayCheckRules.Outcome again = RelayCheckRules.observe(after, Optional.of(past.check()), false,
				T0.plus(GRACE).plusSeconds(30), GRACE);
		assertThat(again.transition()).isEmpty();
	}

	@Test
	void backOnlineAfterAReportedOfflineIsRecordedAndClearsRelayOffline() {
		RelayCheck offlineSince = new RelayCheck("app1", "t1", false, T0, T0, false);
		RelayCheckRules.Outcome past = RelayCheckRules.observe(TASK, Optional.of(offlineSince), false, T0.plus(GRACE),
				GRACE);
		RelayTask offline = past.transition().get().after();

		RelayCheckRules.Outcome back = RelayCheckRules.observe(offline, Optional.of(past.check()), true,
				T0.plus(GRACE).plusSeconds(10), GRACE);

		assertThat(back.transition()).isPresent();
		assertThat(back.transition().get().after().lastError()).isNull();
		assertThat(back.check().since()).isEqualTo(T0.plus(GRACE).plusSeconds(10));
		assertThat(back.check().offlineReported()).isFalse();
	}

	@Test
	void onlineWithoutAnEarlierReportAddsNothingToTheHistory() {
		RelayCheckRules.Outcome first = RelayCheckRules.observe(TASK, Optional.empty(), true, T0, GRACE);

		assertThat(first.transition()).isEmpty();
		assertThat(first.check().online()).isTrue();
	}

}
