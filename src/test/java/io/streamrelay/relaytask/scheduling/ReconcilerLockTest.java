package io.streamrelay.relaytask.scheduling;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconcilerLockTest {

	@Test
	void theLockIsHeldThirtySecondsByDefaultSoThatAKilledReplicaBlocksTheOthersThatLongAtMost() {
		ReconcilerProperties defaults = new ReconcilerProperties(null, null, null, null, null, null, null, null);

		assertThat(defaults.lockAtMostFor()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refusesALockShorterThanShedLockKeepsAlive() {
		assertThatThrownBy(
				() -> new ReconcilerProperties(null, null, null, null, null, Duration.ofSeconds(10), null, null))
			.hasMessageContaining("lock-at-most-for must be at least 30s");
	}

}
