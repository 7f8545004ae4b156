package io.streamrelay.events;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the vendor event subscriptions: UP when every app's is in sync, UNKNOWN
 * otherwise (not DOWN: the service works without events, learning from the reconciler
 * instead), with each app's state in the details.
 */
final class SubscriptionHealth implements HealthIndicator {

	private final SubscriptionSync sync;

	SubscriptionHealth(SubscriptionSync sync) {
		this.sync = sync;
	}

	@Override
	public Health health() {
		Map<String, Object> apps = new TreeMap<>();
		boolean allInSync = true;
		for (Map.Entry<String, SubscriptionSync.AppStatus> entry : this.sync.status().entrySet()) {
			SubscriptionSync.AppStatus status = entry.getValue();
			allInSync &= status.state() == SubscriptionSync.State.IN_SYNC;
			Map<String, Object> detail = new TreeMap<>();
			detail.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
			detail.put("message", status.message());
			if (status.subId() != null) {
				detail.put("subId", status.subId());
			}
			if (status.at() != null) {
				detail.put("at", status.at().toString());
			}
			apps.put(entry.getKey(), detail);
		}
		return Health.status(allInSync ? Status.UP : Status.UNKNOWN).withDetail("apps", apps).build();
	}

}
