package io.streamrelay.relaycheck;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CDN check ({@code streamrelay.relay-check.*}): how often, how many
 * DescribeLiveStreamsOnlineList calls per second at most, how many tasks per pass, and
 * how long a relayed stream may be missing from the list before it is reported offline.
 */
@Validated
@ConfigurationProperties("streamrelay.relay-check")
public record RelayCheckProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30s") @NotNull Duration interval, @DefaultValue("2m") @NotNull Duration offlineGrace,
		@DefaultValue("10") @Min(1) @Max(1000) int maxPerSecond,
		@DefaultValue("500") @Min(1) @Max(100000) int maxPerPass) {
}
