package io.streamrelay.problems;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a database that cannot be reached (down, restarting, pool exhausted) in a
 * failure, and answers it: 503 {@code database-unavailable} with {@code Retry-After},
 * never a 500.
 */
public final class DatabaseUnavailable {

	/** Seconds a client should wait: about one database restart. */
	public static final int RETRY_AFTER_SECONDS = 5;

	static final String DETAIL = "The database cannot be reached right now; no vendor call was made for this request."
			+ " Retry later.";

	private DatabaseUnavailable() {
	}

	/**
	 * Whether {@code failure}, or one of its causes, says the database is out of reach.
	 */
	public static boolean in(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
					// a commit or rollback that failed: the connection broke under it
					|| t instanceof TransactionSystemException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
				return true;
			}
			// 08: connection exception; 57P: the server is shutting down or restarting
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}

	public static Map<String, String> headers() {
		return Map.of(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
	}

	public static ResponseEntity<Object> entity() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		return Problems.entity(ProblemTypes.DATABASE_UNAVAILABLE, DETAIL, Map.of(), headers);
	}

	public static void write(HttpServletResponse response) throws IOException {
		Problems.write(response, ProblemTypes.DATABASE_UNAVAILABLE, DETAIL, Map.of(), headers());
	}

}
