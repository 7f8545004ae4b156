package io.streamrelay.relaytask.scheduling;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamrelay.relaytask.reconciliation.MaxDurationGuard;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelays;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orphan guard's part of a reconciler run: expired tasks stopped, then each guarded
 * app's unmanaged relays found and its policy applied; the counts as meters
 * ({@code streamrelay.orphans.unmanaged{app}},
 * {@code streamrelay.orphans.stopped{reason}}).
 */
class OrphanGuardPass {

	private static final Logger log = LoggerFactory.getLogger(OrphanGuardPass.class);

	private final MaxDurationGuard guard;

	private final UnmanagedRelays unmanaged;

	private final Set<String> guardedApps;

	private final int batchSize;

	private final Counter expiredStops;

	private final Counter unmanagedStops;

	private final Map<String, AtomicInteger> unmanagedCounts = new ConcurrentHashMap<>();

	OrphanGuardPass(MaxDurationGuard guard, UnmanagedRelays unmanaged, Set<String> guardedApps, int batchSize,
			MeterRegistry meters) {
		this.guard = guard;
		this.unmanaged = unmanaged;
		this.guardedApps = Set.copyOf(guardedApps);
		this.batchSize = batchSize;
		this.expiredStops = stopped(meters, "max-duration");
		this.unmanagedStops = stopped(meters, "unmanaged");
		for (String appId : this.guardedApps) {
			AtomicInteger count = new AtomicInteger();
			this.unmanagedCounts.put(appId, count);
			Gauge.builder("streamrelay.orphans.unmanaged", count, AtomicInteger::get)
				.description("Relays the vendor runs for the app that this service has no record of (last pass)")
				.tag("app", appId)
				.register(meters);
		}
	}

	private static Counter stopped(MeterRegistry meters, String reason) {
		return Counter.builder("streamrelay.orphans.stopped")
			.description("Relays the orphan guard stopped")
			.tag("reason", reason)
			.register(meters);
	}

	void run() {
		this.expiredStops.increment(this.guard.stopExpired(this.batchSize));
		for (String appId : this.guardedApps) {
			try {
				UnmanagedRelays.Pass pass = this.unmanaged.apply(appId);
				this.unmanagedCounts.get(appId).set(pass.found().size() - pass.stopped());
				this.unmanagedStops.increment(pass.stopped());
			}
			catch (UpstreamFailure failure) {
				log.warn("Could not list the vendor's relays of app {} ({}); the next run tries again", appId,
						failure.code());
			}
		}
	}

}
