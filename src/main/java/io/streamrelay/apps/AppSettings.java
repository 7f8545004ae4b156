package io.streamrelay.apps;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import io.streamrelay.redaction.Redaction;

/**
 * Relay settings of one RTC application, as configured in the ARTC console's Stream Relay
 * page. Holds URL-signing keys: {@link #toString()} hides them.
 */
public record AppSettings(
		@NotBlank @Pattern(regexp = HOST,
				message = "must be a host name such as play.example.com") String streamingDomain,
		@Pattern(regexp = HOST, message = "must be a host name such as push.example.com") String ingestDomain,
		@Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
				message = "must be 1-64 letters, digits, '_' or '-' (and match the domain's templates)") String appName,
		@Valid Sei sei, String pushAuthKey, String playAuthKey,
		@AssertFalse(message = "must be false: stream relay fails on a streaming domain with RTS 2.0 enabled; "
				+ "turn RTS 2.0 off on the domain or use another streaming domain") boolean rts2Enabled,
		@Pattern(regexp = "https?", message = "must be http or https") String playbackScheme,
		List<@Pattern(regexp = HOST_PATTERN, message = HOST_PATTERN_RULE) String> allowedDestinationHosts,
		List<@Pattern(regexp = HOST_PATTERN, message = HOST_PATTERN_RULE) String> allowedImageHosts) {

	static final String HOST_PATTERN = "(\\*\\.)?" + "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";

	static final String HOST_PATTERN_RULE = "must be a host name, optionally starting with '*.' (e.g. *.youtube.com)";

	static final String HOST = "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";

	public AppSettings {
		ingestDomain = ingestDomain == null ? streamingDomain : ingestDomain;
		appName = appName == null ? "live" : appName;
		playbackScheme = playbackScheme == null ? "https" : playbackScheme;
		allowedDestinationHosts = allowedDestinationHosts == null ? List.of() : List.copyOf(allowedDestinationHosts);
		allowedImageHosts = allowedImageHosts == null ? List.of() : List.copyOf(allowedImageHosts);
	}

	/**
	 * Settings without host allow-lists (a factory, not a constructor: a record bound
	 * from configuration must keep its canonical constructor as its only one).
	 */
	public static AppSettings of(String streamingDomain, String ingestDomain, String appName, Sei sei,
			String pushAuthKey, String playAuthKey, boolean rts2Enabled, String playbackScheme) {
		return new AppSettings(streamingDomain, ingestDomain, appName, sei, pushAuthKey, playAuthKey, rts2Enabled,
				playbackScheme, null, null);
	}

	/**
	 * SEI the app inserts by default: every {@code intervalMs} (1000-5000) and/or in
	 * I-frames. Absent means no SEI unless a request asks for it.
	 */
	public record Sei(@Min(value = 1000, message = "must be between 1000 and 5000 ms") @Max(value = 5000,
			message = "must be between 1000 and 5000 ms") Integer intervalMs, boolean followIdr) {
	}

	@Override
	public String toString() {
		return "AppSettings[streamingDomain=" + streamingDomain + ", ingestDomain=" + ingestDomain + ", appName="
				+ appName + ", sei=" + sei + ", pushAuthKey=" + (pushAuthKey == null ? "unset" : Redaction.MARKER)
				+ ", playAuthKey=" + (playAuthKey == null ? "unset" : Redaction.MARKER) + ", rts2Enabled=" + rts2Enabled
				+ ", playbackScheme=" + playbackScheme + ", allowedDestinationHosts=" + allowedDestinationHosts
				+ ", allowedImageHosts=" + allowedImageHosts + "]";
	}

}
