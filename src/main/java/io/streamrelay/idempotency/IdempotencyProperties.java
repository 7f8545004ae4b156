package io.streamrelay.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of idempotent requests, bound from {@code streamrelay.idempotency.*}.
 *
 * @param ttl how long a key is remembered after its first use
 * @param lockTimeout how long a request may hold its key before another request may take
 * it over (the first request's replica is then presumed dead); must exceed the longest
 * request, vendor call included
 * @param cleanupInterval pause between runs of the deletion of expired keys
 * @param cleanupBatchSize rows deleted per statement by the cleanup
 */
@Validated
@ConfigurationProperties("streamrelay.idempotency")
public record IdempotencyProperties(@DefaultValue("PT24H") @NotNull @DurationMin(minutes = 1) Duration ttl,
		@DefaultValue("PT2M") @NotNull @DurationMin(seconds = 5) Duration lockTimeout,
		@DefaultValue("PT10M") @NotNull @DurationMin(seconds = 1) Duration cleanupInterval,
		@DefaultValue("500") @Min(1) @Max(10000) int cleanupBatchSize) {
}
