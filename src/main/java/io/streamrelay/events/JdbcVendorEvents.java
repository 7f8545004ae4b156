package io.streamrelay.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@link VendorEvents} port on H2 or PostgreSQL (table vendor_event, V5). */
class JdbcVendorEvents implements VendorEvents {

	private static final String COLUMNS = "msg_id, app_id, sub_id, task_id, event_type, event_code, error_code,"
			+ " error_message, dst_url, event_at, callback_at, received_at, source, body";

	private final JdbcClient jdbc;

	JdbcVendorEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean record(VendorEvent event) {
		try {
			this.jdbc
				.sql("insert into vendor_event (" + COLUMNS + ", status) values (:msgId, :appId, :subId,"
						+ " :taskId, :eventType, :eventCode, :errorCode, :errorMessage, :dstUrl, :eventAt, :callbackAt,"
						+ " :receivedAt, :source, :body, 'PENDING')")
				.param("msgId", event.msgId())
				.param("appId", event.appId())
				.param("subId", event.subId())
				.param("taskId", event.taskId())
				.param("eventType", event.eventType())
				.param("eventCode", event.eventCode())
				.param("errorCode", event.errorCode())
				.param("errorMessage", cut(event.errorMessage(), 1024))
				.param("dstUrl", cut(event.dstUrl(), 2048))
				.param("eventAt", timestamp(event.eventAt()))
				.param("callbackAt", timestamp(event.callbackAt()))
				.param("receivedAt", timestamp(event.receivedAt()))
				.param("source", event.source().name())
				.param("body", cut(event.body(), 8192))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public boolean known(String msgId) {
		return this.jdbc.sql("select count(*) from vendor_event where msg_id = :msgId")
			.param("msgId", msgId)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public List<VendorEvent> pending(Instant before, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from vendor_event where status = 'PENDING' and received_at < :before"
					+ " order by received_at, msg_id limit :limit")
			.param("before", timestamp(before))
			.param("limit", limit)
			.query((rs, row) -> event(rs))
			.list();
	}

	@Override
	public void settle(String msgId, Status status, String note, Instant at) {
		this.jdbc.sql("update vendor_event set status = :status, note = :note, settled_at = :at where msg_id = :msgId")
			.param("status", status.name())
			.param("note", cut(note, 1024))
			.param("at", timestamp(at))
			.param("msgId", msgId)
			.update();
	}

	@Override
	public List<StoredEvent> list(String appId, Status status, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + ", status, note, settled_at from vendor_event where app_id = :appId"
					+ " and status = :status order by received_at desc, msg_id limit :limit")
			.param("appId", appId)
			.param("status", status.name())
			.param("limit", limit)
			.query((rs, row) -> new StoredEvent(event(rs), Status.valueOf(rs.getString("status")), rs.getString("note"),
					instant(rs, "settled_at")))
			.list();
	}

	@Override
	public Optional<Instant> recordsReadUntil(String appId) {
		return this.jdbc.sql("select read_until from vendor_event_cursor where app_id = :appId")
			.param("appId", appId)
			.query((rs, row) -> instant(rs, "read_until"))
			.optional();
	}

	@Override
	public void recordsReadUntil(String appId, Instant until) {
		int updated = this.jdbc.sql("update vendor_event_cursor set read_until = :until where app_id = :appId")
			.param("until", timestamp(until))
			.param("appId", appId)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql("insert into vendor_event_cursor (app_id, read_until) values (:appId, :until)")
					.param("appId", appId)
					.param("until", timestamp(until))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// another replica wrote it first: its value is as good
			}
		}
	}

	private static VendorEvent event(ResultSet rs) throws SQLException {
		return new VendorEvent(rs.getString("msg_id"), rs.getString("app_id"), rs.getString("sub_id"),
				rs.getString("task_id"), rs.getInt("event_type"), rs.getInt("event_code"), rs.getInt("error_code"),
				rs.getString("error_message"), rs.getString("dst_url"), instant(rs, "event_at"),
				instant(rs, "callback_at"), instant(rs, "received_at"),
				VendorEvent.Source.valueOf(rs.getString("source")), rs.getString("body"));
	}

	static SqlParameterValue timestamp(Instant instant) {
		OffsetDateTime value = (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC)
				: null;
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, value);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

}
