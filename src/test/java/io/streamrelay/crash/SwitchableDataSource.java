package io.streamrelay.crash;

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

	SwitchableDataSource(DataSource target) {
		super(target);
	}

	void down() {
		this.down = true;
	}

	void up() {
		this.down = false;
	}

	@Override
	public Connection getConnection() throws SQLException {
		refuseWhileDown();
		return super.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		refuseWhileDown();
		return super.getConnection(username, password);
	}

	private void refuseWhileDown() throws SQLTransientConnectionException {
		if (this.down) {
			throw new SQLTransientConnectionException(
					"HikariPool-1 - Connection is not available (the test took the" + " database down)", "08001");
		}
	}

}
