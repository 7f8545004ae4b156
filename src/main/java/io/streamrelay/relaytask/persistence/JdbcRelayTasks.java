package io.streamrelay.relaytask.persistence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.RelayTasks.Candidate;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link RelayTasks} port on H2 or PostgreSQL: one row per task, an append-only table
 * of events.
 */
@Repository
class JdbcRelayTasks implements RelayTasks {

	private static final String TASK_COLUMNS = "app_id, task_id, channel_id, mode, state, origin, spec, pending_spec,"
			+ " version, created_at, updated_at, last_error_code, last_error_message, last_error_request_id,"
			+ " last_error_at, outcome_unknown, max_duration_seconds";

	// running_since is kept by the database: set when the task first shows running, kept
	// through updates and the
	// stop, cleared when it ends or starts again
	private static final String RUNNING_SINCE = "case when :running then coalesce(running_since, :updatedAt) else null end";

	private static final String INSERT_TASK = "insert into relay_task (" + TASK_COLUMNS
			+ ", running_since) values (:appId, :taskId,"
			+ " :channelId, :mode, :state, :origin, :spec, :pendingSpec, :version, :createdAt, :updatedAt, :errorCode,"
			+ " :errorMessage, :errorRequestId, :errorAt, :outcomeUnknown, :maxDurationSeconds,"
			+ " case when :running then :updatedAt else null end)";

	private static final String UPDATE_TASK = "update relay_task set channel_id = :channelId, mode = :mode,"
			+ " state = :state, origin = :origin, spec = :spec, pending_spec = :pendingSpec, version = :version,"
			+ " created_at = :createdAt, updated_at = :updatedAt, last_error_code = :errorCode,"
			+ " last_error_message = :errorMessage, last_error_request_id = :errorRequestId, last_error_at = :errorAt,"
			+ " outcome_unknown = :outcomeUnknown, max_duration_seconds = :maxDurationSeconds," + " running_since = "
			+ RUNNING_SINCE
			+ ", reconcile_attempts = 0, next_reconcile_at = null where app_id = :appId and task_id = :taskId and version = :expectedVersion";

	private static final String SELECT_TASKS = "select " + TASK_COLUMNS + " from relay_task where app_id = :appId";

	private static final String INSERT_EVENT = "insert into relay_task_event (app_id, task_id, occurred_at, action,"
			+ " outcome, upstream_request_id, error_code, detail, state) values (:appId, :taskId, :at, :action,"
			+ " :outcome, :requestId, :errorCode, :detail, :state)";

	private static final String SELECT_EVENTS = "select app_id, task_id, occurred_at, action, outcome,"
			+ " upstream_request_id, error_code, detail, state from relay_task_event where app_id = :appId"
			+ " and task_id = :taskId order by id";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final RelayTaskRows rows = new RelayTaskRows();

	private final ReconciliationQueries reconciliation;

	private final DestinationQueries destinations;

	JdbcRelayTasks(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.reconciliation = new ReconciliationQueries(jdbc, this.rows, TASK_COLUMNS);
		this.destinations = new DestinationQueries(jdbc, this.rows, TASK_COLUMNS);
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public void insert(RelayTask task, RelayTaskEvent event) {
		requireSameTask(task, event);
		try {
			this.transaction.executeWithoutResult((status) -> {
				this.jdbc.sql(INSERT_TASK).params(this.rows.taskParams(task)).update();
				insertEvent(event);
			});
			StateChangeLog.written(task, event);
		}
		catch (DuplicateKeyException ex) {
			throw new RelayTaskAlreadyExists(task.taskId(), null);
		}
	}

	@Override
	public boolean update(RelayTask task, long expectedVersion, RelayTaskEvent event) {
		requireSameTask(task, event);
		Map<String, Object> params = this.rows.taskParams(task);
		params.put("expectedVersion", expectedVersion);
		Boolean updated = this.transaction.execute((status) -> {
			if (this.jdbc.sql(UPDATE_TASK).params(params).update() == 0) {
				return false;
			}
			insertEvent(event);
			return true;
		});
		if (Boolean.TRUE.equals(updated)) {
			StateChangeLog.written(task, event);
		}
		return Boolean.TRUE.equals(updated);
	}

	@Override
	public void append(RelayTaskEvent event) {
		insertEvent(Objects.requireNonNull(event, "event"));
	}

	@Override
	public boolean appendIfUnchanged(RelayTaskEvent event, long version) {
		Boolean appended = this.transaction.execute((status) -> {
			// the row lock keeps a concurrent write of the task out until the event is in
			List<Long> current = this.jdbc
				.sql("select version from relay_task where app_id = :appId and task_id = :taskId for update")
				.param("appId", event.appId())
				.param("taskId", event.taskId())
				.query(Long.class)
				.list();
			if (current.size() != 1 || current.get(0) != version) {
				return false;
			}
			insertEvent(event);
			return true;
		});
		return Boolean.TRUE.equals(appended);
	}

	@Override
	public Optional<RelayTask> find(String appId, String taskId) {
		return this.jdbc.sql(SELECT_TASKS + " and task_id = :taskId")
			.param("appId", appId)
			.param("taskId", taskId)
			.query(this.rows::task)
			.optional();
	}

	@Override
	public List<RelayTask> list(String appId, TaskQuery query) {
		if (query.limit() < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + query.limit());
		}
		// Only fixed fragments are appended: values always travel as bind parameters.
		StringBuilder sql = new StringBuilder(SELECT_TASKS);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("appId", appId);
		if (query.channelId() != null) {
			sql.append(" and channel_id = :channelId");
			params.put("channelId", query.channelId());
		}
		if (query.state() != null) {
			sql.append(" and state = :state");
			params.put("state", query.state().name());
		}
		if (query.afterTaskId() != null) {
			sql.append(" and task_id > :after");
			params.put("after", query.afterTaskId());
		}
		sql.append(" order by task_id limit :limit");
		params.put("limit", query.limit());
		return this.jdbc.sql(sql.toString()).params(params).query(this.rows::task).list();
	}

	@Override
	public List<TaskKey> usingDestination(Set<RelayTaskState> states, String address, TaskKey except) {
		return this.destinations.usingDestination(states, address, except);
	}

	@Override
	public List<RelayTask> inStates(Set<RelayTaskState> states, TaskKey after, int limit) {
		return this.reconciliation.inStates(states, after, limit);
	}

	@Override
	public List<RelayTask> staleInStates(Set<RelayTaskState> states, Instant updatedBefore, int limit) {
		return this.reconciliation.staleInStates(states, updatedBefore, limit);
	}

	@Override
	public List<Candidate> dueInStates(Set<RelayTaskState> states, Instant updatedBefore, Instant now, int limit) {
		return this.reconciliation.dueInStates(states, updatedBefore, now, limit);
	}

	@Override
	public List<Candidate> dueInStates(Set<RelayTaskState> states, TaskKey after, Instant now, int limit) {
		return this.reconciliation.dueInStates(states, after, now, limit);
	}

	@Override
	public void deferReconciliation(TaskKey key, long version, int attempts, Instant nextAttemptAt) {
		this.reconciliation.defer(key, version, attempts, nextAttemptAt);
	}

	@Override
	public List<RelayTaskEvent> events(String appId, String taskId, int offset, int limit) {
		return this.jdbc.sql(SELECT_EVENTS + " limit :limit offset :offset")
			.param("appId", appId)
			.param("taskId", taskId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this.rows::event)
			.list();
	}

	@Override
	public Optional<RelayTaskEvent> lastEvent(String appId, String taskId) {
		return this.jdbc.sql(SELECT_EVENTS.replace("order by id", "order by id desc") + " limit 1")
			.param("appId", appId)
			.param("taskId", taskId)
			.query(this.rows::event)
			.optional();
	}

	private void insertEvent(RelayTaskEvent event) {
		if (event != null) {
			this.jdbc.sql(INSERT_EVENT).params(this.rows.eventParams(event)).update();
		}
	}

	private static void requireSameTask(RelayTask task, RelayTaskEvent event) {
		if (event != null && !(task.appId().equals(event.appId()) && task.taskId().equals(event.taskId()))) {
			throw new IllegalArgumentException(
					"event of task '" + event.taskId() + "' recorded with task '" + task.taskId() + "'");
		}
	}

	@Override
	public List<TaskKey> activeSince(String appId, Instant runningBefore, int limit) {
		return this.jdbc
			.sql("select app_id, task_id from relay_task where app_id = :appId and state = 'ACTIVE'"
					+ " and max_duration_seconds is null and running_since <= :before"
					+ " order by running_since, task_id limit :limit")
			.param("appId", appId)
			.param("before", RelayTaskRows.timestamp(runningBefore))
			.param("limit", limit)
			.query((rs, n) -> new TaskKey(rs.getString(1), rs.getString(2)))
			.list();
	}

	@Override
	public Optional<Instant> runningSince(String appId, String taskId) {
		return this.jdbc.sql("select running_since from relay_task where app_id = :appId and task_id = :taskId")
			.param("appId", appId)
			.param("taskId", taskId)
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class))
				.map(java.time.OffsetDateTime::toInstant))
			.optional()
			.flatMap(java.util.function.Function.identity());
	}

	@Override
	public List<OwnLimit> activeWithOwnLimit(int limit) {
		return this.jdbc
			.sql("select app_id, task_id, running_since, max_duration_seconds from relay_task where state = 'ACTIVE'"
					+ " and max_duration_seconds is not null and running_since is not null"
					+ " order by running_since, app_id, task_id limit :limit")
			.param("limit", limit)
			.query((rs, n) -> new OwnLimit(new TaskKey(rs.getString(1), rs.getString(2)),
					rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
					java.time.Duration.ofSeconds(rs.getInt(4))))
			.list();
	}

}
