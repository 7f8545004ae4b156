package io.streamrelay.performance;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.sql.DataSource;

/**
 * Wraps a DataSource to record what reaches the database from the threads it watches:
 * each statement executed (its SQL), and each commit: an explicit {@code commit()}, or a
 * write executed in auto-commit mode.
 */
final class CountingDataSource {

	private final Predicate<Thread> watched;

	private final List<String> statements = new CopyOnWriteArrayList<>();

	private final List<String> commits = new CopyOnWriteArrayList<>();

	CountingDataSource(Predicate<Thread> watched) {
		this.watched = watched;
	}

	DataSource wrap(DataSource target) {
		return proxy(DataSource.class, target,
				(method, args, result) -> (result instanceof Connection connection) ? connection(connection) : result);
	}

	void clear() {
		this.statements.clear();
		this.commits.clear();
	}

	List<String> statements() {
		return List.copyOf(this.statements);
	}

	List<String> commits() {
		return List.copyOf(this.commits);
	}

	private Connection connection(Connection target) {
		return proxy(Connection.class, target, (method, args, result) -> {
			if (method.getName().equals("commit") && watching()) {
				this.commits.add("commit");
			}
			if (result instanceof PreparedStatement prepared && method.getName().startsWith("prepare")) {
				String sql = (String) args[0];
				return proxy(PreparedStatement.class, prepared, (inner, innerArgs, value) -> {
					executed(target, inner, sql);
					return value;
				});
			}
			if (result instanceof Statement statement) {
				return proxy(Statement.class, statement, (inner, innerArgs, value) -> {
					if (innerArgs != null && innerArgs.length > 0 && innerArgs[0] instanceof String sql) {
						executed(target, inner, sql);
					}
					return value;
				});
			}
			return result;
		});
	}

	private void executed(Connection connection, Method method, String sql) throws SQLException {
		if (!method.getName().startsWith("execute") || !watching()) {
			return;
		}
		this.statements.add(sql);
		String verb = sql.stripLeading().toLowerCase(Locale.ROOT);
		boolean write = verb.startsWith("insert") || verb.startsWith("update") || verb.startsWith("delete")
				|| verb.startsWith("merge");
		if (write && connection.getAutoCommit()) {
			this.commits.add("auto-commit: " + sql);
		}
	}

	private boolean watching() {
		return this.watched.test(Thread.currentThread());
	}

	private static <T> T proxy(Class<T> type, Object target, After after) {
		return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					Object result;
					try {
						result = method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					return after.apply(method, args, result);
				}));
	}

	/**
	 * What to do with a call's result (after the call, so failed calls count nothing).
	 */
	@FunctionalInterface
	private interface After {

		Object apply(Method method, Object[] args, Object result) throws SQLException;

	}

}
