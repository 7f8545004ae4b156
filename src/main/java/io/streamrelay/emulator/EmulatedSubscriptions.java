package io.streamrelay.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The emulator's RtcMPUEventSub state: one subscription per AppId, and the delivery
 * records ListRtcMPUEventSubRecord reads (the newest {@code maxDeliveries} kept).
 */
public final class EmulatedSubscriptions {

	private final Map<String, Subscription> subscriptions = new HashMap<>();

	private final Deque<Delivery> deliveries = new ArrayDeque<>();

	private final int maxDeliveries;

	private final Clock clock;

	EmulatedSubscriptions(int maxDeliveries, Clock clock) {
		this.maxDeliveries = maxDeliveries;
		this.clock = clock;
	}

	/** One app's subscription; {@code channelIds} empty means every channel. */
	record Subscription(String subId, String appId, String callbackUrl, List<String> channelIds, Instant createdAt) {

		boolean covers(String channelId) {
			return this.channelIds.isEmpty() || this.channelIds.contains(channelId);
		}

	}

	/** One attempt to deliver a callback, as ListRtcMPUEventSubRecord shows it. */
	public record Delivery(String appId, String subId, String msgId, String data, Instant time, long costMs,
			String callbackUrl, String httpCode) {
	}

	synchronized Subscription create(String appId, String callbackUrl, List<String> channelIds) {
		if (this.subscriptions.containsKey(appId)) {
			throw ApiError.invalidParam("The AppId " + appId + " already has an event subscription.");
		}
		String subId = "Sub-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24).toUpperCase(Locale.ROOT);
		Subscription created = new Subscription(subId, appId, callbackUrl, List.copyOf(channelIds),
				this.clock.instant());
		this.subscriptions.put(appId, created);
		return created;
	}

	synchronized void update(String appId, String callbackUrl, List<String> channelIds) {
		Subscription current = existing(appId);
		this.subscriptions.put(appId,
				new Subscription(current.subId(), appId, callbackUrl != null ? callbackUrl : current.callbackUrl(),
						channelIds != null ? List.copyOf(channelIds) : current.channelIds(), current.createdAt()));
	}

	synchronized void delete(String appId) {
		existing(appId);
		this.subscriptions.remove(appId);
	}

	/** The callback URL of the app's subscription (it carries a secret token). */
	public synchronized Optional<String> callbackUrl(String appId) {
		return find(appId).map(Subscription::callbackUrl);
	}

	synchronized Optional<Subscription> find(String appId) {
		return Optional.ofNullable(this.subscriptions.get(appId));
	}

	synchronized void recordDelivery(Delivery delivery) {
		this.deliveries.addLast(delivery);
		while (this.deliveries.size() > this.maxDeliveries) {
			this.deliveries.removeFirst();
		}
	}

	/** Deliveries of an app (every app when null), oldest first. */
	public synchronized List<Delivery> deliveries(String appId) {
		return this.deliveries.stream().filter((d) -> appId == null || d.appId().equals(appId)).toList();
	}

	/** Deliveries of an app between two times (inclusive), oldest first. */
	synchronized List<Delivery> deliveries(String appId, String subId, Instant from, Instant to) {
		return this.deliveries.stream()
			.filter((d) -> d.appId().equals(appId) && (subId == null || subId.equals(d.subId())))
			.filter((d) -> !d.time().isBefore(from) && !d.time().isAfter(to))
			.toList();
	}

	synchronized void clearDeliveries() {
		this.deliveries.clear();
	}

	private Subscription existing(String appId) {
		Subscription current = this.subscriptions.get(appId);
		if (current == null) {
			throw new ApiError(404, "InvalidSubscription.NotFound",
					"The AppId " + appId + " has no event subscription.");
		}
		return current;
	}

}
