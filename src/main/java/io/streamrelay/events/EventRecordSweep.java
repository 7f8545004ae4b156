package io.streamrelay.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.streamrelay.apps.ConfiguredRelayApps;
import io.streamrelay.redaction.Redaction;
import io.streamrelay.relaytask.events.EventApplier;
import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;
import io.streamrelay.relaytask.reconciliation.ReconcilerStep;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import io.streamrelay.relaytask.vendor.EventSubscriptions.Delivery;
import io.streamrelay.relaytask.vendor.EventSubscriptions.RecordPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's first step: reads each app's delivery records
 * (ListRtcMPUEventSubRecord) for the window since the last run (at most 7 days back),
 * stores every MsgId not seen yet, then applies every event still pending. So a callback
 * the vendor failed to deliver, or one persisted but not applied before a crash, is
 * applied anyway.
 */
final class EventRecordSweep implements ReconcilerStep {

	private static final Logger log = LoggerFactory.getLogger(EventRecordSweep.class);

	/** The vendor keeps 7 days; a little less, so a slow call is not refused. */
	static final Duration MAX_WINDOW = Duration.ofDays(7).minusMinutes(5);

	/** Read again, so that a record written late for its time is not missed. */
	static final Duration OVERLAP = Duration.ofMinutes(1);

	private final SubscriptionSync sync;

	private final EventSubscriptions vendor;

	private final VendorEvents store;

	private final EventIntake intake;

	private final EventApplier applier;

	private final ConfiguredRelayApps apps;

	private final Clock clock;

	private final int pageSize;

	EventRecordSweep(SubscriptionSync sync, EventSubscriptions vendor, VendorEvents store, EventIntake intake,
			EventApplier applier, ConfiguredRelayApps apps, Clock clock, int pageSize) {
		this.sync = sync;
		this.vendor = vendor;
		this.store = store;
		this.intake = intake;
		this.applier = applier;
		this.apps = apps;
		this.clock = clock;
		this.pageSize = pageSize;
	}

	@Override
	public void run() {
		for (String appId : this.sync.apps()) {
			try {
				readRecords(appId);
			}
			catch (RuntimeException ex) {
				log.warn("Event records of app {} not read (retried on the next run): {}", appId,
						Redaction.text(String.valueOf(ex.getMessage())));
			}
		}
		try {
			int settled = this.applier.applyPending(this.clock.instant(), 500);
			if (settled > 0) {
				log.info("Applied {} pending vendor event(s)", settled);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Pending vendor events not applied (retried on the next run)", ex);
		}
	}

	private void readRecords(String appId) {
		Instant now = this.clock.instant();
		Instant oldest = now.minus(MAX_WINDOW);
		Instant from = this.store.recordsReadUntil(appId).map((until) -> until.minus(OVERLAP)).orElse(oldest);
		if (from.isBefore(oldest)) {
			from = oldest;
		}
		int added = 0;
		for (int page = 1;; page++) {
			RecordPage records = this.vendor.records(appId, from, now, page, this.pageSize);
			for (Delivery delivery : records.deliveries()) {
				added += take(appId, delivery, now) ? 1 : 0;
			}
			if (!records.hasMore() || records.deliveries().isEmpty()) {
				break;
			}
		}
		this.store.recordsReadUntil(appId, now);
		if (added > 0) {
			log.info("Event records of app {}: {} event(s) not received as callbacks stored", appId, added);
		}
	}

	private boolean take(String appId, Delivery delivery, Instant now) {
		if (delivery.msgId() == null || this.store.known(delivery.msgId())) {
			return false;
		}
		VendorEvent event;
		try {
			event = CallbackBodies.parse(delivery.data(), now, VendorEvent.Source.RECORD,
					(url) -> this.apps.app(appId).map((app) -> app.redact(url)).orElse(Redaction.MARKER));
		}
		catch (CallbackBodies.BadCallback bad) {
			log.warn("Event record {} of app {} is not readable: {}", delivery.msgId(), appId, bad.getMessage());
			return false;
		}
		if (!event.appId().equals(appId) || !event.msgId().equals(delivery.msgId())) {
			log.warn("Event record {} of app {} names another app or MsgId: skipped", delivery.msgId(), appId);
			return false;
		}
		// applied below with every other pending event, in arrival order
		return this.intake.receive(event, null, false) == EventIntake.Received.ACCEPTED;
	}

}
