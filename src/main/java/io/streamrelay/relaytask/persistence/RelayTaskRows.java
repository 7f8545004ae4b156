package io.streamrelay.relaytask.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.TaskError;
import io.streamrelay.relaytask.task.TaskOrigin;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.SqlParameterValue;

/** Maps relay tasks and their events to and from table rows. */
final class RelayTaskRows {

	static final int MAX_TEXT = 1024;

	/** The states in which the vendor may run the task: its running_since is kept. */
	private static final java.util.Set<RelayTaskState> RUNNING = java.util.EnumSet.of(RelayTaskState.ACTIVE,
			RelayTaskState.UPDATING, RelayTaskState.STOPPING);

	static final int MAX_CODE = 128;

	private final SpecJson json = new SpecJson();

	Map<String, Object> taskParams(RelayTask task) {
		TaskError error = task.lastError();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("appId", task.appId());
		params.put("taskId", task.taskId());
		params.put("channelId", task.channelId());
		params.put("mode", task.mode().name());
		params.put("state", task.state().name());
		params.put("origin", task.origin().name());
		params.put("spec", this.json.write(task.spec()));
		params.put("pendingSpec", this.json.write(task.pendingSpec()));
		params.put("version", task.version());
		params.put("createdAt", timestamp(task.createdAt()));
		params.put("updatedAt", timestamp(task.updatedAt()));
		params.put("errorCode", bounded((error != null) ? error.code() : null, MAX_CODE));
		params.put("errorMessage", bounded((error != null) ? error.message() : null, MAX_TEXT));
		params.put("errorRequestId", bounded((error != null) ? error.upstreamRequestId() : null, MAX_CODE));
		params.put("errorAt", timestamp((error != null) ? error.at() : null));
		params.put("outcomeUnknown", task.outcomeUnknown());
		params.put("running", RUNNING.contains(task.state()));
		params.put("maxDurationSeconds", new SqlParameterValue(Types.INTEGER, task.spec().maxDurationSeconds()));
		return params;
	}

	Map<String, Object> eventParams(RelayTaskEvent event) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("appId", event.appId());
		params.put("taskId", event.taskId());
		params.put("at", timestamp(event.at()));
		params.put("action", event.action().name());
		params.put("outcome", event.outcome().name());
		params.put("requestId", bounded(event.upstreamRequestId(), MAX_CODE));
		params.put("errorCode", bounded(event.errorCode(), MAX_CODE));
		params.put("detail", bounded(event.detail(), MAX_TEXT));
		params.put("state", (event.state() != null) ? event.state().name() : null);
		return params;
	}

	RelayTask task(ResultSet rs, int rowNum) throws SQLException {
		String taskId = rs.getString("task_id");
		TaskError error = new TaskError(rs.getString("last_error_code"), rs.getString("last_error_message"),
				rs.getString("last_error_request_id"), instant(rs, "last_error_at"));
		boolean noError = error.code() == null && error.message() == null && error.upstreamRequestId() == null
				&& error.at() == null;
		RelayTaskState state = named(RelayTaskState.class, rs.getString("state"), taskId);
		// a replica of an earlier version does not write the flag: it means nothing
		// outside a transitional state
		boolean outcomeUnknown = rs.getBoolean("outcome_unknown") && state.isTransitional();
		return new RelayTask(rs.getString("app_id"), taskId, this.json.read(rs.getString("spec"), taskId, "spec"),
				this.json.read(rs.getString("pending_spec"), taskId, "pending_spec"), state,
				named(TaskOrigin.class, rs.getString("origin"), taskId), rs.getLong("version"),
				instant(rs, "created_at"), instant(rs, "updated_at"), noError ? null : error, outcomeUnknown);
	}

	RelayTaskEvent event(ResultSet rs, int rowNum) throws SQLException {
		String taskId = rs.getString("task_id");
		return new RelayTaskEvent(rs.getString("app_id"), taskId, instant(rs, "occurred_at"),
				named(Action.class, rs.getString("action"), taskId),
				named(Outcome.class, rs.getString("outcome"), taskId), rs.getString("upstream_request_id"),
				rs.getString("error_code"), rs.getString("detail"),
				(rs.getString("state") != null) ? named(RelayTaskState.class, rs.getString("state"), taskId) : null);
	}

	/**
	 * Cuts text to fit its column: losing the tail of a vendor message is better than
	 * failing to record the outcome of a call that already happened. PostgreSQL rejects
	 * NUL characters, so they go too.
	 */
	static String bounded(String text, int max) {
		if (text == null) {
			return null;
		}
		String clean = (text.indexOf('\u0000') >= 0) ? text.replace("\u0000", "") : text;
		if (clean.length() <= max) {
			return clean;
		}
		int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
		return clean.substring(0, end);
	}

	/**
	 * PostgreSQL keeps microseconds: truncating here makes what is read back equal what
	 * was written.
	 */
	static SqlParameterValue timestamp(Instant instant) {
		OffsetDateTime value = (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC)
				: null;
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, value);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static <E extends Enum<E>> E named(Class<E> type, String name, String taskId) {
		try {
			return Enum.valueOf(type, name);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new DataRetrievalFailureException("Stored " + type.getSimpleName() + " '" + name + "' of relay task '"
					+ taskId + "' is unknown to this version", ex);
		}
	}

}
