package io.streamrelay.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamrelay.relaytask.events.EventApplier;
import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler's pass over the vendor's delivery records: the window (at most 7 days,
 * then from the last run with an overlap), every MsgId stored once.
 */
class EventRecordSweepTest {

	static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	/** An in-memory store: enough for the sweep's bookkeeping. */
	static final class MemoryEvents implements VendorEvents {

		final Map<String, VendorEvent> stored = new java.util.LinkedHashMap<>();

		Instant readUntil;

		@Override
		public boolean record(VendorEvent event) {
			return this.stored.putIfAbsent(event.msgId(), event) == null;
		}

		@Override
		public boolean known(String msgId) {
			return this.stored.containsKey(msgId);
		}

		@Override
		public List<VendorEvent> pending(Instant before, int limit) {
			return List.of();
		}

		@Override
		public void settle(String msgId, Status status, String note, Instant at) {
		}

		@Override
		public List<StoredEvent> list(String appId, Status status, int limit) {
			return List.of();
		}

		@Override
		public Optional<Instant> recordsReadUntil(String appId) {
			return Optional.ofNullable(this.readUntil);
		}

		@Override
		public void recordsReadUntil(String appId, Instant until) {
			this.readUntil = until;
		}

	}

	@Test
	void readsAtMostSevenDaysThenFromTheLastRunAndStoresEachMsgIdOnce() {
		List<String> windows = new ArrayList<>();
		String data = "{\"EventType\":1,\"MsgId\":\"m-1\",\"AppId\":\"app1\",\"TaskId\":\"t1\","
				+ "\"Payload\":{\"EventTs\":1763632800000,\"EventCode\":2,\"ErrorCode\":0}}";
		EventSubscriptions vendor = new SubscriptionSyncTest.ScriptedVendor() {
			@Override
			public RecordPage records(String appId, Instant from, Instant to, int pageNo, int pageSize) {
				windows.add(from + ".." + to + "#" + pageNo);
				return pageNo == 1 ? new RecordPage(List.of(new Delivery("m-1", "Sub-1", data, "504")), true)
						: new RecordPage(List.of(new Delivery("m-1", "Sub-1", data, "504")), false);
			}
		};
		MemoryEvents store = new MemoryEvents();
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		EventIntake intake = new EventIntake(store, null, new SimpleMeterRegistry(), null);
		EventApplier applier = new EventApplier(null, store, clock);
		SubscriptionSync sync = new SubscriptionSync(SubscriptionSyncTest.endpoints(List.of()), vendor, clock);
		EventRecordSweep sweep = new EventRecordSweep(sync, vendor, store, intake, applier, null, clock, 100);

		sweep.run();

		assertThat(windows).containsExactly(NOW.minus(EventRecordSweep.MAX_WINDOW) + ".." + NOW + "#1",
				NOW.minus(EventRecordSweep.MAX_WINDOW) + ".." + NOW + "#2");
		assertThat(store.stored).containsOnlyKeys("m-1");
		assertThat(store.stored.get("m-1").source()).isEqualTo(VendorEvent.Source.RECORD);
		assertThat(store.readUntil).isEqualTo(NOW);
		assertThat(EventRecordSweep.MAX_WINDOW).isLessThanOrEqualTo(Duration.ofDays(7));

		windows.clear();
		Clock later = Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC);
		new EventRecordSweep(sync, vendor, store, intake, new EventApplier(null, store, later), null, later, 100).run();
		assertThat(windows.get(0)).startsWith(NOW.minus(EventRecordSweep.OVERLAP) + "..");
		assertThat(store.stored).hasSize(1);
	}

}
