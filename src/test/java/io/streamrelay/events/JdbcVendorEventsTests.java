package io.streamrelay.events;

import java.time.Instant;

import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;
import io.streamrelay.relaytask.events.VendorEvents.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor-event store on H2 (and on PostgreSQL in
 * {@link JdbcVendorEventsPostgresTests}): a MsgId is stored once, pending events come
 * back oldest first, settling moves them.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:vendorevents;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class JdbcVendorEventsTests {

	static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123456Z");

	final JdbcClient jdbc;

	final VendorEvents events;

	@Autowired
	JdbcVendorEventsTests(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.events = new JdbcVendorEvents(jdbc);
	}

	@BeforeEach
	void empty() {
		this.jdbc.sql("delete from vendor_event").update();
		this.jdbc.sql("delete from vendor_event_cursor").update();
	}

	static VendorEvent event(String msgId, Instant receivedAt) {
		return new VendorEvent(msgId, "app1", "Sub-1", "t1", 1, 2, 0, "", "rtmp://push.example.com/live/s", T0,
				T0.plusMillis(5), receivedAt, VendorEvent.Source.CALLBACK, "{\"MsgId\":\"" + msgId + "\"}");
	}

	@Test
	void storesAMsgIdOnceAndReadsItBackExactly() {
		VendorEvent event = event("m-1", T0);

		assertThat(this.events.record(event)).isTrue();
		assertThat(this.events.record(event(("m-1"), T0.plusSeconds(1)))).isFalse();
		assertThat(this.events.known("m-1")).isTrue();
		assertThat(this.events.pending(T0.plusSeconds(5), 10)).containsExactly(event);
	}

	@Test
	void pendingEventsComeOldestFirstUntilSettled() {
		this.events.record(event("m-b", T0.plusSeconds(2)));
		this.events.record(event("m-a", T0.plusSeconds(1)));
		this.events.record(event("m-c", T0.plusSeconds(3)));

		assertThat(this.events.pending(T0.plusSeconds(3), 10)).extracting(VendorEvent::msgId)
			.containsExactly("m-a", "m-b");
		this.events.settle("m-a", Status.UNMATCHED, "no relay task", T0.plusSeconds(4));

		assertThat(this.events.pending(T0.plusSeconds(9), 1)).extracting(VendorEvent::msgId).containsExactly("m-b");
		assertThat(this.events.list("app1", Status.UNMATCHED, 10)).singleElement()
			.satisfies((stored) -> assertThat(stored.note()).isEqualTo("no relay task"));
	}

	@Test
	void remembersWhereTheRecordsWereRead() {
		assertThat(this.events.recordsReadUntil("app1")).isEmpty();
		this.events.recordsReadUntil("app1", T0);
		this.events.recordsReadUntil("app1", T0.plusSeconds(30));

		assertThat(this.events.recordsReadUntil("app1")).contains(T0.plusSeconds(30));
	}

}
