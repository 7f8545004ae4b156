package io.streamrelay.relaytask.scheduling;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.streamrelay.relaytask.reconciliation.MaxDurations;
import io.streamrelay.relaytask.reconciliation.UnmanagedPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The orphan guard per app ({@code streamrelay.orphan-guard.apps.<appId>.*}):
 * {@code max-duration} (absent: tasks may run for ever) and {@code unmanaged}
 * ({@code report}, the default, {@code adopt} or {@code stop}), checked at start-up.
 */
@Validated
@ConfigurationProperties("streamrelay.orphan-guard")
public record OrphanGuardProperties(Map<String, AppGuard> apps) {

	public OrphanGuardProperties {
		apps = apps == null ? Map.of() : Map.copyOf(apps);
	}

	/** The guard of one app. */
	public record AppGuard(Duration maxDuration, UnmanagedPolicy unmanaged) {

		public AppGuard {
			unmanaged = unmanaged == null ? UnmanagedPolicy.REPORT : unmanaged;
			if (maxDuration != null && (maxDuration.isZero() || maxDuration.isNegative())) {
				throw new IllegalArgumentException(
						"streamrelay.orphan-guard.apps.*.max-duration must be positive (e.g. PT12H), not "
								+ maxDuration);
			}
		}

	}

	Map<String, UnmanagedPolicy> unmanagedPolicies() {
		Map<String, UnmanagedPolicy> policies = new LinkedHashMap<>();
		this.apps.forEach((appId, guard) -> policies.put(appId, guard.unmanaged()));
		return policies;
	}

	MaxDurations maxDurations() {
		Map<String, Duration> limits = new LinkedHashMap<>();
		this.apps.forEach((appId, guard) -> {
			if (guard.maxDuration() != null) {
				limits.put(appId, guard.maxDuration());
			}
		});
		return new MaxDurations(limits);
	}

}
