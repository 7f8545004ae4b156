package io.streamrelay.relaytask.scheduling;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the reconciler ({@code streamrelay.reconciler.*}). {@code grace} must
 * exceed the longest a vendor call can take with its retries, so that a request still in
 * flight is never "resolved" under its feet. A task a run cannot settle is looked at
 * again after {@code backoffFirst}, doubling each time up to {@code backoffMax}.
 */
@Validated
@ConfigurationProperties("streamrelay.reconciler")
public record ReconcilerProperties(Boolean enabled, @NotNull Duration interval, @NotNull Duration initialDelay,
		@Min(1) @Max(1000) Integer batchSize, @NotNull Duration grace, @NotNull Duration lockAtMostFor,
		@NotNull Duration backoffFirst, @NotNull Duration backoffMax) {

	public ReconcilerProperties {
		enabled = enabled == null ? Boolean.TRUE : enabled;
		interval = interval == null ? Duration.ofSeconds(30) : interval;
		initialDelay = initialDelay == null ? Duration.ofSeconds(30) : initialDelay;
		batchSize = batchSize == null ? 100 : batchSize;
		grace = grace == null ? Duration.ofMinutes(2) : grace;
		lockAtMostFor = lockAtMostFor == null ? Duration.ofSeconds(30) : lockAtMostFor;
		if (lockAtMostFor.compareTo(KeepAliveLocks.MINIMUM_LOCK_AT_MOST_FOR) < 0) {
			// the lock is kept alive while a run lasts; ShedLock extends no shorter lock
			throw new IllegalArgumentException("streamrelay.reconciler.lock-at-most-for must be at least "
					+ KeepAliveLocks.MINIMUM_LOCK_AT_MOST_FOR.toSeconds() + "s");
		}
		backoffFirst = backoffFirst == null ? Duration.ofSeconds(30) : backoffFirst;
		backoffMax = backoffMax == null ? Duration.ofMinutes(30) : backoffMax;
		if (backoffFirst.isNegative() || backoffMax.compareTo(backoffFirst) < 0
				|| backoffMax.compareTo(Duration.ofDays(1)) > 0 || (backoffFirst.isZero() && !backoffMax.isZero())) {
			throw new IllegalArgumentException("streamrelay.reconciler.backoff-first must be > 0 (or both 0) and"
					+ " backoff-max between backoff-first and 1d");
		}
	}

}
