package io.streamrelay.events;

import java.util.Locale;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamrelay.relaytask.events.EventApplier;
import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in a vendor event: persists it first (a duplicate MsgId changes nothing), then
 * applies it off the caller's thread, so the callback is answered at once. An event
 * persisted but not applied (crash, a call in flight) is applied by the reconciler's pass
 * over pending events.
 */
final class EventIntake {

	private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

	private final VendorEvents store;

	private final EventApplier applier;

	private final MeterRegistry meters;

	/**
	 * Retries of an event that waits for a call in flight, before the reconciler's turn.
	 */
	static final int RETRIES = 50;

	static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private final Repeating executor;

	EventIntake(VendorEvents store, EventApplier applier, MeterRegistry meters, Repeating executor) {
		this.store = store;
		this.applier = applier;
		this.meters = meters;
		this.executor = executor;
	}

	/** What became of a received event. */
	enum Received {

		ACCEPTED, DUPLICATE, UNMATCHED

	}

	/**
	 * Persists the event; {@code unmatchedReason} non-null keeps it out of any task (a
	 * SubId that is not the app's).
	 */
	Received receive(VendorEvent event, String unmatchedReason, boolean applyNow) {
		count("streamrelay.events.received", event);
		if (!this.store.record(event)) {
			count("streamrelay.events.duplicates", event);
			log.info("Vendor event {} for {}/{} is a duplicate: ignored", event.msgId(), event.appId(), event.taskId());
			return Received.DUPLICATE;
		}
		if (unmatchedReason != null) {
			this.store.settle(event.msgId(), VendorEvents.Status.UNMATCHED, unmatchedReason, event.receivedAt());
			count("streamrelay.events.unmatched", event);
			log.warn("Vendor event {} for {}/{} kept as unmatched: {}", event.msgId(), event.appId(), event.taskId(),
					unmatchedReason);
			return Received.UNMATCHED;
		}
		if (applyNow) {
			this.executor.now(() -> apply(event, 0));
		}
		return Received.ACCEPTED;
	}

	void apply(VendorEvent event, int attempt) {
		try {
			EventApplier.Result result = this.applier.apply(event);
			if (result == EventApplier.Result.PENDING && attempt < RETRIES) {
				// a call of ours is in flight: its outcome is usually a moment away
				this.executor.later(RETRY_DELAY, () -> apply(event, attempt + 1));
			}
			if (result == EventApplier.Result.APPLIED || result == EventApplier.Result.NOTED
					|| result == EventApplier.Result.CONFIRMED) {
				count("streamrelay.events.applied", event);
			}
			else if (result == EventApplier.Result.UNMATCHED) {
				count("streamrelay.events.unmatched", event);
			}
		}
		catch (RuntimeException ex) {
			// stays pending: the reconciler's pass applies it
			log.warn("Vendor event {} for {}/{} not applied yet: {}", event.msgId(), event.appId(), event.taskId(),
					ex.toString());
		}
	}

	private void count(String name, VendorEvent event) {
		this.meters.counter(name, "app", event.appId(), "type", event.kind().name().toLowerCase(Locale.ROOT))
			.increment();
	}

}
