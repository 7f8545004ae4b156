package io.streamrelay.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Callers and limits ({@code streamrelay.security.*}). Keys are configured as SHA-256
 * hashes, never in plain text.
 */
@Validated
@ConfigurationProperties("streamrelay.security")
public record ApiSecurityProperties(List<@Valid KeyEntry> apiKeys, Boolean developmentKeyEnabled,
		@Min(1) @Max(100000) Integer requestsPerSecondPerKey, @Min(1024) @Max(10485760) Integer maxBodyBytes,
		@DurationMin(millis = 100) @DurationMax(minutes = 5) Duration bodyReadTimeout) {

	/**
	 * Long enough for a 64 KiB body on a slow link, short enough not to hoard workers.
	 */
	public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

	public ApiSecurityProperties {
		apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
		developmentKeyEnabled = developmentKeyEnabled == null ? Boolean.TRUE : developmentKeyEnabled;
		requestsPerSecondPerKey = requestsPerSecondPerKey == null ? 50 : requestsPerSecondPerKey;
		maxBodyBytes = maxBodyBytes == null ? 65536 : maxBodyBytes;
		bodyReadTimeout = bodyReadTimeout == null ? DEFAULT_BODY_READ_TIMEOUT : bodyReadTimeout;
	}

	/**
	 * One caller: a name (shown in history and logs), the hash of its key, the apps it
	 * may act on, its role.
	 */
	public record KeyEntry(
			@NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}",
					message = "must be 1-64 letters, digits, '_', '.' or '-'") String name,
			@NotNull @Pattern(regexp = "[0-9a-f]{64}",
					message = "must be the lowercase hex SHA-256 of the key (printf %s \"$KEY\" | sha256sum)") String sha256,
			@NotEmpty Set<@Pattern(regexp = "\\*|[A-Za-z0-9_-]{1,64}", message = "must be an AppId or *") String> apps,
			@NotNull Role role) {
	}

}
