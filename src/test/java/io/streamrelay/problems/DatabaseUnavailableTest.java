package io.streamrelay.problems;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

	static Stream<Arguments> failures() {
		return Stream.of(
				Arguments.of(new CannotGetJdbcConnectionException("pool timed out",
						new SQLTransientConnectionException("Connection is not available")), true),
				Arguments.of(new CannotCreateTransactionException("Could not open JDBC Connection"), true),
				Arguments.of(new TransactionSystemException("JDBC rollback failed",
						new SQLException("Connection is closed")), true),
				Arguments.of(
						new IllegalStateException("wrapped",
								new SQLException("terminating connection due to" + " administrator command", "57P01")),
						true),
				Arguments.of(new RuntimeException(new SQLException("connection failure", "08006")), true),
				Arguments.of(new DataIntegrityViolationException("duplicate key"), false),
				Arguments.of(new RuntimeException(new SQLException("syntax error", "42601")), false),
				Arguments.of(new IllegalStateException("a bug"), false));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void recognisesAnUnreachableDatabaseAndNothingElse(Exception failure, boolean unavailable) {
		assertThat(DatabaseUnavailable.in(failure)).as(failure.toString()).isEqualTo(unavailable);
	}

}
