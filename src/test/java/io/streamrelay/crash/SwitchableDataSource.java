package io.streamrelay.crash;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source the test switches off: while off, every connection request fails as
 * Hikari's does when the database is down (its connection timeout elapsed).
 */
final class SwitchableDataSource extends DelegatingDataSource {

	private volatile boolean down;

	private volatile String failingStatement;

	SwitchableDataSource(DataSource target) {
		super(target);
	}

	void down() {
		this.down = true;
	}

	void up() {
		this.down = false;
		this.failingStatement = null;
	}

	/**
	 * From now on, statements starting with this text fail as if the connection broke.
	 */
	void failStatementsStartingWith(String sql) {
		this.failingStatement = sql;
	}

	@Override
	public Connection getConnection() throws SQLException {
		refuseWhileDown();
		return failing(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		refuseWhileDown();
		return failing(super.getConnection(username, password));
	}

	private Connection failing(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					String prefix = this.failingStatement;
					if (prefix != null && method.getName().startsWith("prepare") && args != null
							&& args[0] instanceof String sql && sql.startsWith(prefix)) {
						throw new SQLTransientConnectionException("The connection broke (test)", "08006");
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private void refuseWhileDown() throws SQLTransientConnectionException {
		if (this.down) {
			throw new SQLTransientConnectionException(
					"HikariPool-1 - Connection is not available (the test took the" + " database down)", "08001");
		}
	}

}
