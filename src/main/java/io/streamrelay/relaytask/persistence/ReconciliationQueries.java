package io.streamrelay.relaytask.persistence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks.Candidate;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciler's queries: which tasks to look at, and the per-task backoff of those it
 * could not settle (reconcile_attempts, next_reconcile_at; any write of the task resets
 * both).
 */
final class ReconciliationQueries {

	private static final String DUE = " and (next_reconcile_at is null or next_reconcile_at <= :now)";

	private final JdbcClient jdbc;

	private final RelayTaskRows rows;

	private final String taskColumns;

	ReconciliationQueries(JdbcClient jdbc, RelayTaskRows rows, String taskColumns) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.taskColumns = taskColumns;
	}

	List<RelayTask> inStates(Set<RelayTaskState> states, TaskKey after, int limit) {
		if (states.isEmpty()) {
			return List.of();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = "select " + this.taskColumns + " from relay_task where state in (:states)" + keyset(after, params)
				+ " order by app_id, task_id limit :limit";
		params.put("states", names(states));
		params.put("limit", limit);
		return this.jdbc.sql(sql).params(params).query(this.rows::task).list();
	}

	List<RelayTask> staleInStates(Set<RelayTaskState> states, Instant updatedBefore, int limit) {
		if (states.isEmpty() || limit < 1) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + this.taskColumns + " from relay_task where state in (:states) and updated_at < :before"
					+ " order by updated_at, app_id, task_id limit :limit")
			.param("states", names(states))
			.param("before", RelayTaskRows.timestamp(updatedBefore))
			.param("limit", limit)
			.query(this.rows::task)
			.list();
	}

	List<Candidate> dueInStates(Set<RelayTaskState> states, Instant updatedBefore, Instant now, int limit) {
		if (states.isEmpty() || limit < 1) {
			return List.of();
		}
		// the longest waiting first: a deferred task waits from its next attempt on
		return this.jdbc
			.sql("select app_id, task_id, version, reconcile_attempts from relay_task where state in (:states)"
					+ " and updated_at < :before" + DUE
					+ " order by coalesce(next_reconcile_at, updated_at), app_id, task_id limit :limit")
			.param("states", names(states))
			.param("before", RelayTaskRows.timestamp(updatedBefore))
			.param("now", RelayTaskRows.timestamp(now))
			.param("limit", limit)
			.query(ReconciliationQueries::candidate)
			.list();
	}

	List<Candidate> dueInStates(Set<RelayTaskState> states, TaskKey after, Instant now, int limit) {
		if (states.isEmpty() || limit < 1) {
			return List.of();
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = "select app_id, task_id, version, reconcile_attempts from relay_task where state in (:states)"
				+ DUE + keyset(after, params) + " order by app_id, task_id limit :limit";
		params.put("states", names(states));
		params.put("now", RelayTaskRows.timestamp(now));
		params.put("limit", limit);
		return this.jdbc.sql(sql).params(params).query(ReconciliationQueries::candidate).list();
	}

	void defer(TaskKey key, long version, int attempts, Instant nextAttemptAt) {
		this.jdbc
			.sql("update relay_task set reconcile_attempts = :attempts, next_reconcile_at = :next"
					+ " where app_id = :appId and task_id = :taskId and version = :version")
			.param("attempts", attempts)
			.param("next", RelayTaskRows.timestamp(nextAttemptAt))
			.param("appId", key.appId())
			.param("taskId", key.taskId())
			.param("version", version)
			.update();
	}

	private static String keyset(TaskKey after, Map<String, Object> params) {
		if (after == null) {
			return "";
		}
		params.put("afterApp", after.appId());
		params.put("afterTask", after.taskId());
		return " and (app_id > :afterApp or (app_id = :afterApp and task_id > :afterTask))";
	}

	private static List<String> names(Set<RelayTaskState> states) {
		return states.stream().map(Enum::name).toList();
	}

	private static Candidate candidate(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
		return new Candidate(new TaskKey(rs.getString("app_id"), rs.getString("task_id")), rs.getLong("version"),
				rs.getInt("reconcile_attempts"));
	}

}
