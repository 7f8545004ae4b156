package io.streamrelay.events;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide vendor-event settings ({@code streamrelay.events.*}): whether events are
 * used at all, how often the subscriptions are checked against the vendor, and the page
 * size for reading the vendor's delivery records.
 */
@Validated
@ConfigurationProperties("streamrelay.events")
record EventsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10m") @NotNull Duration syncInterval,
		@DefaultValue("100") @Min(1) @Max(100) int recordsPageSize) {
}
