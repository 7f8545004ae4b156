package io.streamrelay.config;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose H2 database has closed under it.
 * H2 closes its file store by itself when a write fails beyond repair (an
 * {@code MVStoreException}: out of direct memory, a full disk, an I/O error), and its
 * errors then carry H2's own SQL states, not the {@code 08} class by which Hikari
 * recognises a broken connection: without this, the pool kept handing out the dead
 * connections and every request was answered {@code 503 database-unavailable} until a
 * restart. A new connection opens the file again. Other databases' errors keep Hikari's
 * own judgement (PostgreSQL's broken connections are {@code 08}/{@code 57P}). Set by
 * {@code spring.datasource.hikari.exception-override-class-name}.
 */
public final class H2DeadConnections implements SQLExceptionOverride {

	/**
	 * H2's states for a closed database or connection, an I/O failure of the store, and
	 * the general error that wraps the store's failure.
	 */
	static final Set<String> STATES = Set.of("90098", // DATABASE_IS_CLOSED
			"90121", // DATABASE_CALLED_AT_SHUTDOWN
			"90007", // OBJECT_CLOSED
			"90067", // CONNECTION_BROKEN_1
			"90028", // IO_EXCEPTION_1
			"90031", // IO_EXCEPTION_2
			"90030", // FILE_CORRUPTED_1
			"50000"); // GENERAL_ERROR_1

	// java.lang's: the interface's own member type is called Override too
	@java.lang.Override
	public Override adjudicate(SQLException failure) {
		for (SQLException sql = failure; sql != null; sql = sql.getNextException()) {
			if (sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
				return Override.MUST_EVICT;
			}
		}
		return Override.CONTINUE_EVICT;
	}

}
