package io.streamrelay.relaycheck;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.streamrelay.relaytask.relaycheck.RelayCheck;
import io.streamrelay.relaytask.relaycheck.RelayChecks;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@link RelayChecks} port on H2 or PostgreSQL (table relay_check, V5). */
class JdbcRelayChecks implements RelayChecks {

	private final JdbcClient jdbc;

	JdbcRelayChecks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<RelayCheck> find(String appId, String taskId) {
		return this.jdbc
			.sql("select app_id, task_id, online, checked_at, since, offline_reported from relay_check"
					+ " where app_id = :appId and task_id = :taskId")
			.param("appId", appId)
			.param("taskId", taskId)
			.query((rs, row) -> check(rs))
			.optional();
	}

	@Override
	public void save(RelayCheck check) {
		int updated = this.jdbc
			.sql("update relay_check set online = :online, checked_at = :checkedAt, since = :since,"
					+ " offline_reported = :reported where app_id = :appId and task_id = :taskId")
			.params(params(check))
			.update();
		if (updated == 0) {
			try {
				this.jdbc
					.sql("insert into relay_check (app_id, task_id, online, checked_at, since, offline_reported)"
							+ " values (:appId, :taskId, :online, :checkedAt, :since, :reported)")
					.params(params(check))
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				// another replica checked it at the same moment: its row is as good
			}
		}
	}

	@Override
	public int forgetInactive() {
		return this.jdbc.sql("delete from relay_check where not exists (select 1 from relay_task t"
				+ " where t.app_id = relay_check.app_id and t.task_id = relay_check.task_id and t.state = 'ACTIVE')")
			.update();
	}

	private static java.util.Map<String, Object> params(RelayCheck check) {
		return java.util.Map.of("appId", check.appId(), "taskId", check.taskId(), "online", check.online(), "checkedAt",
				timestamp(check.checkedAt()), "since", timestamp(check.since()), "reported", check.offlineReported());
	}

	private static RelayCheck check(ResultSet rs) throws SQLException {
		return new RelayCheck(rs.getString("app_id"), rs.getString("task_id"), rs.getBoolean("online"),
				rs.getObject("checked_at", OffsetDateTime.class).toInstant(),
				rs.getObject("since", OffsetDateTime.class).toInstant(), rs.getBoolean("offline_reported"));
	}

	private static SqlParameterValue timestamp(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
	}

}
