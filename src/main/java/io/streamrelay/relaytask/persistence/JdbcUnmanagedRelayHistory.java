package io.streamrelay.relaytask.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaytask.reconciliation.UnmanagedPolicy;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@link UnmanagedRelayHistory} port on the append-only unmanaged_relay_action table.
 */
@Repository
class JdbcUnmanagedRelayHistory implements UnmanagedRelayHistory {

	private static final String COLUMNS = "id, app_id, task_id, channel_id, action, outcome, policy,"
			+ " upstream_request_id, error_code, reason, occurred_at";

	private final JdbcClient jdbc;

	JdbcUnmanagedRelayHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void record(Entry entry) {
		this.jdbc
			.sql("insert into unmanaged_relay_action (app_id, task_id, channel_id, action, outcome, policy,"
					+ " upstream_request_id, error_code, reason, occurred_at) values (:appId, :taskId, :channelId,"
					+ " :action, :outcome, :policy, :requestId, :errorCode, :reason, :at)")
			.param("appId", entry.appId())
			.param("taskId", RelayTaskRows.bounded(entry.taskId(), 128))
			.param("channelId", RelayTaskRows.bounded(entry.channelId(), 64))
			.param("action", entry.action().name())
			.param("outcome", entry.outcome().name())
			.param("policy", entry.policy().name())
			.param("requestId", RelayTaskRows.bounded(entry.upstreamRequestId(), RelayTaskRows.MAX_CODE))
			.param("errorCode", RelayTaskRows.bounded(entry.errorCode(), RelayTaskRows.MAX_CODE))
			.param("reason", RelayTaskRows.bounded(entry.reason(), RelayTaskRows.MAX_TEXT))
			.param("at", RelayTaskRows.timestamp(entry.at()))
			.update();
	}

	@Override
	public Optional<Entry> latest(String appId, String taskId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from unmanaged_relay_action where app_id = :appId and task_id = :taskId"
					+ " order by id desc limit 1")
			.param("appId", appId)
			.param("taskId", taskId)
			.query(JdbcUnmanagedRelayHistory::entry)
			.optional();
	}

	@Override
	public List<Entry> page(String appId, long afterId, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from unmanaged_relay_action where app_id = :appId and id > :after"
					+ " order by id limit :limit")
			.param("appId", appId)
			.param("after", afterId)
			.param("limit", limit)
			.query(JdbcUnmanagedRelayHistory::entry)
			.list();
	}

	private static Entry entry(ResultSet rs, int rowNum) throws SQLException {
		return new Entry(rs.getLong("id"), rs.getString("app_id"), rs.getString("task_id"), rs.getString("channel_id"),
				named(Action.class, rs.getString("action")), named(Outcome.class, rs.getString("outcome")),
				named(UnmanagedPolicy.class, rs.getString("policy")), rs.getString("upstream_request_id"),
				rs.getString("error_code"), rs.getString("reason"),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
	}

	private static <E extends Enum<E>> E named(Class<E> type, String name) {
		try {
			return Enum.valueOf(type, name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new DataRetrievalFailureException("Stored " + type.getSimpleName() + " '" + name
					+ "' of an unmanaged relay is unknown to this version", ex);
		}
	}

}
