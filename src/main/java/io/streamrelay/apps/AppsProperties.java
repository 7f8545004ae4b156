package io.streamrelay.apps;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The RTC applications this service relays for, keyed by ARTC AppId
 * ({@code streamrelay.apps.<appId>}).
 */
@Validated
@ConfigurationProperties("streamrelay")
public record AppsProperties(Map<String, @Valid AppSettings> apps) {

	private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	public AppsProperties {
		apps = apps == null ? Map.of() : Map.copyOf(apps);
		for (Map.Entry<String, AppSettings> entry : apps.entrySet()) {
			if (!APP_ID.matcher(entry.getKey()).matches()) {
				throw new IllegalArgumentException(
						"streamrelay.apps." + entry.getKey() + ": the AppId must be 1-64 letters, digits, '_' or '-'");
			}
			// Checked here, not with @Size: a bean-validation failure report would print
			// the rejected key.
			checkKey(entry.getKey(), "push-auth-key", entry.getValue().pushAuthKey());
			checkKey(entry.getKey(), "play-auth-key", entry.getValue().playAuthKey());
			if (entry.getValue().sei() != null && entry.getValue().sei().intervalMs() == null
					&& !entry.getValue().sei().followIdr()) {
				throw new IllegalArgumentException("streamrelay.apps." + entry.getKey()
						+ ".sei: set interval-ms (1000-5000), follow-idr: true, or both; or remove sei");
			}
		}
	}

	private static void checkKey(String appId, String name, String key) {
		if (key != null && (key.length() < 8 || key.length() > 128)) {
			throw new IllegalArgumentException(
					"streamrelay.apps." + appId + "." + name + ": must be 8-128 characters (value not shown)");
		}
	}

}
