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
	 * H2's states for a closed database or connection and an I/O failure of the store.
	 */
	static final Set<String> STATES = Set.of("90098", // DATABASE_IS_CLOSED
			"90121", // DATABASE_CALLED_AT_SHUTDOWN
			"90007", // OBJECT_CLOSED
			"90067", // CONNECTION_BROKEN_1
			"90028", // IO_EXCEPTION_1
			"90031", // IO_EXCEPTION_2
			"90030"); // FILE_CORRUPTED_1

	/**
	 * H2's general error: evicting for it only when the file store failed (any other
	 * internal error is not a dead connection, and answering it as "database unavailable"
	 * would have clients retry for ever).
	 */
	static final String GENERAL_ERROR = "50000";

	static final String STORE_FAILURE = "MVStoreException";

	// java.lang's: the interface's own member type is called Override too
	@java.lang.Override
	public Override adjudicate(SQLException failure) {
		for (SQLException sql = failure; sql != null; sql = sql.getNextException()) {
			String state = sql.getSQLState();
			if (state != null && (STATES.contains(state) || (GENERAL_ERROR.equals(state) && storeFailed(sql)))) {
				return Override.MUST_EVICT;
			}
		}
		return Override.CONTINUE_EVICT;
	}

	/** Whether H2's file store failed under this error: its cause, or its message. */
	private static boolean storeFailed(SQLException failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t.getClass().getSimpleName().equals(STORE_FAILURE)
					|| (t.getMessage() != null && t.getMessage().contains(STORE_FAILURE))) {
				return true;
			}
		}
		return false;
	}

}
