package io.streamrelay.relaytask.vendor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port to the vendor's event subscription of an app (RtcMPUEventSub: one per AppId) and
 * to its delivery records (ListRtcMPUEventSubRecord, last 7 days). Every method throws an
 * {@link UpstreamFailure} when the vendor does not answer clearly.
 */
public interface EventSubscriptions {

	/** The app's subscription, empty when it has none. */
	Optional<Subscription> describe(String appId);

	/** Creates the app's subscription; returns its SubId. */
	String create(String appId, String callbackUrl, List<String> channelIds);

	void update(String appId, String callbackUrl, List<String> channelIds);

	/** One page (1-based) of the deliveries between {@code from} and {@code to}. */
	RecordPage records(String appId, Instant from, Instant to, int pageNo, int pageSize);

	/**
	 * A subscription as the vendor holds it; an empty channel list means every channel.
	 */
	record Subscription(String subId, String appId, String callbackUrl, List<String> channelIds) {

		public Subscription {
			channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
		}

		/** The callback URL carries the secret token: never printed. */
		@Override
		public String toString() {
			return "Subscription[subId=" + subId + ", appId=" + appId + ", channelIds=" + channelIds + "]";
		}

	}

	/** A page of delivery records and whether more follow. */
	record RecordPage(List<Delivery> deliveries, boolean hasMore) {

		public RecordPage {
			deliveries = List.copyOf(deliveries);
		}

	}

	/**
	 * One delivery: its MsgId, the callback body ({@code data}) and the HTTP code the
	 * callback URL answered ("200" = delivered).
	 */
	record Delivery(String msgId, String subId, String data, String httpCode) {
	}

}
