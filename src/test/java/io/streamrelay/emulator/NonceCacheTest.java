package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class NonceCacheTest {

	private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

	@Test
	void refusesNonceSeenWithinRetention() {
		NonceCache cache = new NonceCache(Duration.ofMinutes(30), 10);

		assertThat(cache.firstUse("a", T0)).isTrue();
		assertThat(cache.firstUse("a", T0.plusSeconds(60))).isFalse();
	}

	@Test
	void forgetsNonceAfterRetention() {
		NonceCache cache = new NonceCache(Duration.ofMinutes(30), 10);
		cache.firstUse("a", T0);

		assertThat(cache.firstUse("b", T0.plus(Duration.ofMinutes(31)))).isTrue();
		assertThat(cache.size()).isEqualTo(1);
		assertThat(cache.firstUse("a", T0.plus(Duration.ofMinutes(31)))).isTrue();
	}

	@Test
	void staysWithinMaximumSizeByDroppingOldest() {
		NonceCache cache = new NonceCache(Duration.ofMinutes(30), 2);
		cache.firstUse("a", T0);
		cache.firstUse("b", T0);
		cache.firstUse("c", T0);

		assertThat(cache.size()).isEqualTo(2);
		assertThat(cache.firstUse("c", T0)).isFalse();
		assertThat(cache.firstUse("a", T0)).isTrue();
	}

}
