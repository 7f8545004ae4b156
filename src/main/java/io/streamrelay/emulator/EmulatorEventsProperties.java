package io.streamrelay.emulator;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The emulator's events and CDN list ({@code streamrelay.emulator.events.*}): whether it
 * POSTs callbacks, how long after its start a relay shows in
 * DescribeLiveStreamsOnlineList, how many delivery records it keeps.
 */
@EmulatorMode
@Validated
@ConfigurationProperties("streamrelay.emulator.events")
record EmulatorEventsProperties(@DefaultValue("true") boolean callbacks,
		@DefaultValue("1s") @NotNull Duration onlineDelay,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int maxDeliveries) {
}
