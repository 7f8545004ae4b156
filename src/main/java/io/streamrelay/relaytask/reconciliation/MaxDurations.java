package io.streamrelay.relaytask.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.streamrelay.relaytask.spec.RelaySpec;

/**
 * How long a task of each app may run ({@code max-duration}; absent: no limit), and when
 * a task running since a given instant stops. A task's own
 * {@code spec.maxDurationSeconds}, when set, replaces its app's limit (shorter or
 * longer).
 */
public record MaxDurations(Map<String, Duration> byApp) {

	public MaxDurations {
		byApp = Map.copyOf(byApp);
		byApp.forEach((appId, limit) -> {
			if (limit.isZero() || limit.isNegative()) {
				throw new IllegalArgumentException("max-duration of app " + appId + " must be positive, not " + limit);
			}
		});
	}

	/** No limit for any app. */
	public static final MaxDurations NONE = new MaxDurations(Map.of());

	/** The limit of the app, empty when its tasks may run for ever. */
	public Optional<Duration> of(String appId) {
		return Optional.ofNullable(this.byApp.get(appId));
	}

	/**
	 * When a task of the app running since {@code runningSince} is stopped, empty when it
	 * is not running or its app has no limit.
	 */
	public Optional<Instant> stopsAt(String appId, Optional<Instant> runningSince) {
		return runningSince.flatMap((since) -> of(appId).map(since::plus));
	}

	/**
	 * Whether a task of the app running since {@code runningSince} has run longer than it
	 * may at {@code now}.
	 */
	public boolean expired(String appId, Instant runningSince, Instant now) {
		return stopsAt(appId, Optional.of(runningSince)).map((at) -> !now.isBefore(at)).orElse(false);
	}

	/** The limit of a task of the app with this spec: its own if set, else the app's. */
	public Optional<Duration> of(String appId, RelaySpec spec) {
		if (spec != null && spec.maxDurationSeconds() != null) {
			return Optional.of(Duration.ofSeconds(spec.maxDurationSeconds()));
		}
		return of(appId);
	}

	/**
	 * When a task of the app with this spec, running since {@code runningSince}, is
	 * stopped; empty when it is not running or has no limit.
	 */
	public Optional<Instant> stopsAt(String appId, RelaySpec spec, Optional<Instant> runningSince) {
		return runningSince.flatMap((since) -> of(appId, spec).map(since::plus));
	}

	/**
	 * Whether a task with this spec, running since {@code runningSince}, is past its
	 * limit.
	 */
	public boolean expired(String appId, RelaySpec spec, Instant runningSince, Instant now) {
		return stopsAt(appId, spec, Optional.of(runningSince)).map((at) -> !now.isBefore(at)).orElse(false);
	}

}
