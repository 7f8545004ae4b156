package io.streamrelay.events;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.streamrelay.redaction.Redaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The vendor-event settings of each app ({@code streamrelay.apps.<appId>.events.*}),
 * bound beside the app's relay settings: the public base URL under which the vendor
 * reaches this service, the channels to subscribe (none = all), and the secret token of
 * the callback path (from the environment; generated per process in emulator mode).
 */
@Validated
@ConfigurationProperties("streamrelay")
record AppEventsProperties(Map<String, @Valid App> apps) {

	AppEventsProperties {
		apps = apps == null ? Map.of() : Map.copyOf(apps);
	}

	/** One app's entry; only its {@code events} member is read here. */
	record App(@Valid Events events) {
	}

	/** The vendor-event settings of one app. */
	record Events(@Pattern(regexp = "https?://[A-Za-z0-9\\-_%=#./+:]{1,1900}",
			message = "must be an http(s) base URL of the characters the vendor allows: a-z A-Z 0-9 - _ % = # . / + :") String callbackUrl,
			@Size(max = 20, message = "must name at most 20 channels") List<@Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
					message = "must be 1-64 letters, digits, '_' or '-'") String> channelIds,
			String token) {

		Events {
			channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
		}

		@Override
		public String toString() {
			return "Events[callbackUrl=" + callbackUrl + ", channelIds=" + channelIds + ", token="
					+ (token == null ? "unset" : Redaction.MARKER) + "]";
		}

	}

	Events events(String appId) {
		App app = this.apps.get(appId);
		return app == null ? null : app.events();
	}

}
