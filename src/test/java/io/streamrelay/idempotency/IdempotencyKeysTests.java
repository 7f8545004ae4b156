package io.streamrelay.idempotency;

import io.streamrelay.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key store on H2 here and on PostgreSQL in {@link IdempotencyKeysPostgresTests}, on
 * the real migrations.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:idemkeys;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
@Import(IdempotencyKeysTests.Store.class)
// every statement must commit for real: the concurrency tests depend on it
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class IdempotencyKeysTests {

	static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

	static final IdempotencyProperties PROPERTIES = new IdempotencyProperties(Duration.ofHours(1),
			Duration.ofSeconds(30), Duration.ofMinutes(10), 3);

	static final IdempotencyScope SCOPE = new IdempotencyScope("app1", "anonymous", "key-1");

	static final StoredResponse CREATED = new StoredResponse(201,
			Map.of("Location", "/v1/apps/app1/relay-tasks/t1", "ETag", "\"2\"", "Content-Type", "application/json"),
			"{\"taskId\":\"t1\",\"note\":\"caf\u00e9\"}");

	private final IdempotencyKeys keys;

	private final MutableClock clock;

	private final JdbcClient jdbc;

	@Autowired
	IdempotencyKeysTests(IdempotencyKeys keys, MutableClock clock, JdbcClient jdbc) {
		this.keys = keys;
		this.clock = clock;
		this.jdbc = jdbc;
	}

	@BeforeEach
	void emptyTable() {
		this.jdbc.sql("delete from idempotency_key").update();
	}

	@Test
	void firstClaimAcquiresAndSecondSeesTheRequestInFlight() {
		Claim first = this.keys.claim(SCOPE, "fp");

		assertThat(first).isInstanceOf(Claim.Acquired.class);
		assertThat(((Claim.Acquired) first).tookOver()).isFalse();
		assertThat(this.keys.claim(SCOPE, "fp")).isInstanceOf(Claim.InFlight.class);
	}

	@Test
	void exactlyOneOfManyConcurrentClaimsOfOneKeyWins() throws Exception {
		List<Claim> claims = concurrently(16, () -> this.keys.claim(SCOPE, "fp"));

		assertThat(claims).filteredOn(Claim.Acquired.class::isInstance).hasSize(1);
		assertThat(claims).filteredOn(Claim.InFlight.class::isInstance).hasSize(15);
	}

	@Test
	void completedKeyReplaysTheStoredResponseExactly() {
		String owner = acquire(SCOPE, "fp");

		assertThat(this.keys.complete(SCOPE, owner, CREATED)).isTrue();

		Claim again = this.keys.claim(SCOPE, "fp");
		assertThat(again).isEqualTo(new Claim.Replay(CREATED));
	}

	@Test
	void differentFingerprintIsAMismatchWhetherInFlightOrCompleted() {
		String owner = acquire(SCOPE, "fp");
		assertThat(this.keys.claim(SCOPE, "other")).isInstanceOf(Claim.Mismatch.class);

		this.keys.complete(SCOPE, owner, CREATED);
		assertThat(this.keys.claim(SCOPE, "other")).isInstanceOf(Claim.Mismatch.class);
	}

	@Test
	void keysAreScopedByAppAndCaller() {
		acquire(SCOPE, "fp");

		assertThat(this.keys.claim(new IdempotencyScope("app2", "anonymous", "key-1"), "fp"))
			.isInstanceOf(Claim.Acquired.class);
		assertThat(this.keys.claim(new IdempotencyScope("app1", "ci-key", "key-1"), "fp"))
			.isInstanceOf(Claim.Acquired.class);
	}

	@Test
	void releasedKeyCanBeClaimedAgain() {
		String owner = acquire(SCOPE, "fp");

		assertThat(this.keys.release(SCOPE, owner)).isTrue();

		assertThat(this.keys.claim(SCOPE, "fp")).isInstanceOf(Claim.Acquired.class);
	}

	@Test
	void inFlightKeyPastItsLockIsTakenOverExactlyOnceUnderConcurrency() throws Exception {
		String crashed = acquire(SCOPE, "fp");
		this.clock.advance(PROPERTIES.lockTimeout().plusSeconds(1));

		List<Claim> claims = concurrently(16, () -> this.keys.claim(SCOPE, "fp"));

		List<Claim> winners = claims.stream().filter(Claim.Acquired.class::isInstance).toList();
		assertThat(winners).hasSize(1);
		assertThat(((Claim.Acquired) winners.get(0)).tookOver()).isTrue();
		assertThat(claims).filteredOn(Claim.InFlight.class::isInstance).hasSize(15);
		// the crashed request's late answer must not overwrite the new owner's
		assertThat(this.keys.complete(SCOPE, crashed, CREATED)).isFalse();
		assertThat(this.keys.release(SCOPE, crashed)).isFalse();
		assertThat(this.keys.complete(SCOPE, ((Claim.Acquired) winners.get(0)).owner(), CREATED)).isTrue();
	}

	@Test
	void inFlightKeyWithinItsLockIsNotTakenOver() {
		acquire(SCOPE, "fp");
		this.clock.advance(PROPERTIES.lockTimeout().minusSeconds(1));

		assertThat(this.keys.claim(SCOPE, "fp")).isInstanceOf(Claim.InFlight.class);
	}

	@Test
	void expiredKeyCountsAsAbsentEvenForADifferentRequest() {
		this.keys.complete(SCOPE, acquire(SCOPE, "fp"), CREATED);
		this.clock.advance(PROPERTIES.ttl().plusSeconds(1));

		Claim claim = this.keys.claim(SCOPE, "other");

		assertThat(claim).isInstanceOf(Claim.Acquired.class);
		assertThat(((Claim.Acquired) claim).tookOver()).isFalse();
	}

	@Test
	void keyIsRememberedUntilItsTtlEnds() {
		this.keys.complete(SCOPE, acquire(SCOPE, "fp"), CREATED);
		this.clock.advance(PROPERTIES.ttl().minusSeconds(1));

		assertThat(this.keys.claim(SCOPE, "fp")).isEqualTo(new Claim.Replay(CREATED));
	}

	@Test
	void cleanupDeletesOnlyExpiredKeysInBoundedBatches() {
		for (int i = 0; i < 7; i++) {
			acquire(new IdempotencyScope("app1", "anonymous", "old-" + i), "fp");
		}
		this.clock.advance(PROPERTIES.ttl().plusSeconds(1));
		acquire(new IdempotencyScope("app1", "anonymous", "fresh"), "fp");

		assertThat(this.keys.deleteExpired(3)).isEqualTo(3);
		assertThat(new IdempotencyCleanup(this.keys, PROPERTIES).run()).isEqualTo(4);

		assertThat(this.jdbc.sql("select idem_key from idempotency_key").query(String.class).list())
			.containsExactly("fresh");
	}

	private String acquire(IdempotencyScope scope, String fingerprint) {
		Claim claim = this.keys.claim(scope, fingerprint);
		assertThat(claim).isInstanceOf(Claim.Acquired.class);
		return ((Claim.Acquired) claim).owner();
	}

	private static <T> List<T> concurrently(int threads, Callable<T> action) throws Exception {
		return io.streamrelay.testing.Concurrently.run(threads, (i) -> {
			try {
				return action.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Store {

		@Bean
		MutableClock clock() {
			return new MutableClock(START);
		}

		@Bean
		IdempotencyKeys idempotencyKeys(JdbcClient jdbc, MutableClock clock) {
			return new IdempotencyKeys(jdbc, JsonMapper.builder().build(), clock, PROPERTIES);
		}

	}

}
