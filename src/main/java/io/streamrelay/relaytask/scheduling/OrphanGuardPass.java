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

	private final Counter adoptions;

	private final java.time.Clock clock;

	private volatile java.time.Instant lastPassAt;

	private final Map<String, AtomicInteger> unmanagedCounts = new ConcurrentHashMap<>();

	OrphanGuardPass(MaxDurationGuard guard, UnmanagedRelays unmanaged, Set<String> guardedApps, int batchSize,
			MeterRegistry meters, java.time.Clock clock) {
		this.clock = clock;
		this.guard = guard;
		this.unmanaged = unmanaged;
		this.guardedApps = Set.copyOf(guardedApps);
		this.batchSize = batchSize;
		this.expiredStops = stopped(meters, "max-duration");
		this.unmanagedStops = stopped(meters, "unmanaged");
		this.adoptions = Counter.builder("streamrelay.orphans.adopted")
			.description("Unmanaged relays the orphan guard adopted (policy adopt)")
			.register(meters);
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
				this.unmanagedCounts.get(appId).set(pass.remaining());
				this.unmanagedStops.increment(pass.stopped());
				this.adoptions.increment(pass.adopted());
			}
			catch (UpstreamFailure failure) {
				log.warn("Could not list the vendor's relays of app {} ({}); the next run tries again", appId,
						failure.code());
			}
		}
		this.lastPassAt = this.clock.instant();
	}

	/**
	 * What the last pass counted, per app; read by the health indicator, never a vendor
	 * call.
	 */
	Snapshot snapshot() {
		Map<String, AppCounts> apps = new java.util.TreeMap<>();
		this.unmanagedCounts.forEach((appId, count) -> apps.put(appId,
				new AppCounts(count.get(), 0, this.unmanaged.policy(appId).name().toLowerCase(java.util.Locale.ROOT))));
		this.guard.lastOverAge()
			.forEach((appId, overAge) -> apps.merge(appId,
					new AppCounts(0, overAge, this.unmanaged.policy(appId).name().toLowerCase(java.util.Locale.ROOT)),
					(a, b) -> new AppCounts(a.unmanaged(), b.overAge(), a.policy())));
		return new Snapshot(this.lastPassAt, apps);
	}

	/** The counts of the last pass; {@code lastPassAt} null before the first. */
	record Snapshot(java.time.Instant lastPassAt, Map<String, AppCounts> apps) {
	}

	/**
	 * One app: relays the vendor runs with no record here, tasks past their limit that
	 * are still running, and the app's unmanaged policy.
	 */
	record AppCounts(int unmanaged, int overAge, String policy) {
	}

}
