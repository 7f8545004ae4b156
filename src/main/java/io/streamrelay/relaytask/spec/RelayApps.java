package io.streamrelay.relaytask.spec;

import java.util.List;
import java.util.Optional;

/** Port to the relay settings of the configured RTC applications. */
public interface RelayApps {

	Optional<RelayApp> find(String appId);

	/** The relay settings of one RTC application, as the core needs them. */
	interface RelayApp {

		String appId();

		/**
		 * The push URL used when a request names no destination; stable for a channel and
		 * anchor user.
		 */
		String defaultDestination(String channelId, String anchorUserId);

		/** The SEI inserted when a request names none; null when the app inserts none. */
		SeiSettings defaultSei();

		/**
		 * The destinations with fresh signing tokens where this app signed them, so that
		 * an update never sends a push URL whose token has expired since the start.
		 */
		default List<String> refreshDestinations(List<String> destinations) {
			return destinations;
		}

		/**
		 * The app's destination policy: where callers may make the vendor push to or
		 * fetch images from.
		 */
		default List<Violation> destinationViolations(RelaySpec spec) {
			return List.of();
		}

	}

}
