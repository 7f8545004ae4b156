package io.streamrelay.relaytask.persistence;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Set;

import io.streamrelay.relaytask.task.DestinationAddress;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks.TaskKey;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tasks using a destination address: a LIKE on the host in the stored spec narrows the
 * rows (portable to H2 and PostgreSQL, case-insensitive through lower()), the stored
 * destinations, read as addresses, decide.
 */
final class DestinationQueries {

	private final JdbcClient jdbc;

	private final RelayTaskRows rows;

	private final String taskColumns;

	DestinationQueries(JdbcClient jdbc, RelayTaskRows rows, String taskColumns) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.taskColumns = taskColumns;
	}

	List<TaskKey> usingDestination(Set<RelayTaskState> states, String address, TaskKey except) {
		if (states.isEmpty()) {
			return List.of();
		}
		List<RelayTask> candidates = this.jdbc
			.sql("select " + this.taskColumns + " from relay_task where state in (:states)"
					+ " and lower(spec) like :pattern escape '!' order by app_id, task_id")
			.param("states", states.stream().map(Enum::name).toList())
			.param("pattern", "%" + like(narrowing(address).toLowerCase(Locale.ROOT)) + "%")
			.query(this.rows::task)
			.list();
		return candidates.stream()
			.filter((task) -> !new TaskKey(task.appId(), task.taskId()).equals(except))
			.filter((task) -> task.spec().destinations().stream().map(DestinationAddress::of).anyMatch(address::equals))
			.map((task) -> new TaskKey(task.appId(), task.taskId()))
			.toList();
	}

	/**
	 * The most selective part of the address that the stored spec holds as written: its
	 * path (the stream name; every task on an app's ingest domain shares the host, so the
	 * host alone made each start read and parse every running task), else its host. Only
	 * a path of plain printable ASCII is used, which JSON stores unescaped.
	 */
	static String narrowing(String address) {
		String host = DestinationAddress.host(address);
		if (host.isEmpty()) {
			return address;
		}
		int start = address.indexOf("://") + 3 + host.length();
		int end = address.indexOf('?', start);
		String rest = address.substring(start, (end < 0) ? address.length() : end);
		int slash = rest.indexOf('/');
		String path = (slash < 0) ? "" : rest.substring(slash);
		return (path.length() > 1 && PLAIN_PATH.matcher(path).matches()) ? path : host;
	}

	private static final Pattern PLAIN_PATH = Pattern.compile("/[!#$&-\\[\\]_a-z~]*", Pattern.CASE_INSENSITIVE);

	private static String like(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

}
