package io.streamrelay.events;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.streamrelay.redaction.Redaction;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import io.streamrelay.relaytask.vendor.EventSubscriptions.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each app's vendor subscription match its callback set-up: DescribeRtcMPUEventSub,
 * then CreateRtcMPUEventSub or UpdateRtcMPUEventSub when it is missing or differs. A
 * failure is kept per app (health shows it) and retried on the next pass; it never stops
 * the service.
 */
final class SubscriptionSync {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionSync.class);

	private final CallbackEndpoints endpoints;

	private final EventSubscriptions vendor;

	private final Clock clock;

	private final Map<String, AppStatus> status = new ConcurrentHashMap<>();

	SubscriptionSync(CallbackEndpoints endpoints, EventSubscriptions vendor, Clock clock) {
		this.endpoints = endpoints;
		this.vendor = vendor;
		this.clock = clock;
		endpoints.all()
			.forEach((endpoint) -> this.status.put(endpoint.appId(),
					new AppStatus(State.PENDING, null, null, "not synchronised yet")));
	}

	/** Where one app's subscription stands. */
	enum State {

		PENDING, IN_SYNC, FAILING

	}

	/** One app's subscription state, the vendor's SubId, and the last attempt. */
	record AppStatus(State state, String subId, Instant at, String message) {
	}

	void syncAll() {
		for (CallbackEndpoints.Endpoint endpoint : this.endpoints.all()) {
			sync(endpoint);
		}
	}

	private void sync(CallbackEndpoints.Endpoint endpoint) {
		String appId = endpoint.appId();
		Instant now = this.clock.instant();
		try {
			String url = endpoint.callbackUrl();
			Optional<Subscription> current = this.vendor.describe(appId);
			String subId;
			if (current.isEmpty()) {
				subId = this.vendor.create(appId, url, endpoint.channelIds());
				log.info("Event subscription of app {} created: {}", appId, subId);
			}
			else if (!current.get().callbackUrl().equals(url)
					|| !new HashSet<>(current.get().channelIds()).equals(new HashSet<>(endpoint.channelIds()))) {
				this.vendor.update(appId, url, endpoint.channelIds());
				subId = current.get().subId();
				log.info("Event subscription of app {} ({}) updated to this service's callback URL", appId, subId);
			}
			else {
				subId = current.get().subId();
			}
			this.status.put(appId, new AppStatus(State.IN_SYNC, subId, now, "in sync"));
		}
		catch (RuntimeException ex) {
			AppStatus previous = this.status.get(appId);
			String message = Redaction.text(String.valueOf(ex.getMessage()));
			this.status.put(appId,
					new AppStatus(State.FAILING, previous == null ? null : previous.subId(), now, message));
			log.warn("Event subscription of app {} not synchronised (retried on the next pass): {}", appId, message);
		}
	}

	/** The app's SubId, when a pass has learnt it. */
	Optional<String> subId(String appId) {
		return Optional.ofNullable(this.status.get(appId)).map(AppStatus::subId);
	}

	boolean allInSync() {
		return this.status.values().stream().allMatch((app) -> app.state() == State.IN_SYNC);
	}

	Map<String, AppStatus> status() {
		return Map.copyOf(this.status);
	}

	List<String> apps() {
		return this.endpoints.all().stream().map(CallbackEndpoints.Endpoint::appId).toList();
	}

}
