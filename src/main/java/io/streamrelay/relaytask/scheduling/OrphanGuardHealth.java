package io.streamrelay.relaytask.scheduling;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The orphan guard's counts from its last pass (unmanaged relays, over-age tasks, per
 * app) as health details. Always UP: orphans cost money, not availability, so this
 * component is kept out of the readiness group; it reads cached counts and never calls
 * the vendor.
 */
final class OrphanGuardHealth implements HealthIndicator {

	private final OrphanGuardPass pass;

	OrphanGuardHealth(OrphanGuardPass pass) {
		this.pass = pass;
	}

	@Override
	public Health health() {
		OrphanGuardPass.Snapshot snapshot = this.pass.snapshot();
		Map<String, Object> apps = new TreeMap<>();
		snapshot.apps()
			.forEach((appId, counts) -> apps.put(appId,
					Map.of("unmanaged", counts.unmanaged(), "overAge", counts.overAge(), "policy", counts.policy())));
		Health.Builder health = Health.up().withDetail("apps", apps);
		if (snapshot.lastPassAt() != null) {
			health.withDetail("lastPassAt", snapshot.lastPassAt().toString());
		}
		return health.build();
	}

}
