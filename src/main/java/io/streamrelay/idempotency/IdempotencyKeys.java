package io.streamrelay.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The idempotency_key table. Every decision is one conditional statement, so that of
 * concurrent requests (on any number of replicas) exactly one wins: the INSERT by the
 * primary key, the take-over by {@code locked_until < now}, the removal of an expired row
 * by {@code expires_at < now}.
 */
class IdempotencyKeys {

	static final String IN_FLIGHT = "in_flight";

	static final String COMPLETED = "completed";

	private static final String SCOPE = " where app_id = :appId and caller = :caller and idem_key = :key";

	private static final String INSERT = "insert into idempotency_key (app_id, caller, idem_key, fingerprint, state,"
			+ " lock_owner, locked_until, created_at, expires_at) values (:appId, :caller, :key, :fingerprint, '"
			+ IN_FLIGHT + "', :owner, :lockedUntil, :now, :expiresAt)";

	private static final String SELECT = "select fingerprint, state, locked_until, response_status, response_headers,"
			+ " response_body, expires_at from idempotency_key" + SCOPE;

	private static final String TAKE_OVER = "update idempotency_key set lock_owner = :owner, locked_until = :lockedUntil"
			+ SCOPE + " and state = '" + IN_FLIGHT + "' and fingerprint = :fingerprint and locked_until < :now"
			+ " and expires_at >= :now";

	private static final String COMPLETE = "update idempotency_key set state = '" + COMPLETED + "', lock_owner = null,"
			+ " locked_until = null, response_status = :status, response_headers = :headers, response_body = :body"
			+ SCOPE + " and state = '" + IN_FLIGHT + "' and lock_owner = :owner";

	private static final String RELEASE = "delete from idempotency_key" + SCOPE + " and state = '" + IN_FLIGHT
			+ "' and lock_owner = :owner";

	private static final String DELETE_IF_EXPIRED = "delete from idempotency_key" + SCOPE + " and expires_at < :now";

	private static final String DELETE_EXPIRED_BATCH = "delete from idempotency_key where (app_id, caller, idem_key) in"
			+ " (select app_id, caller, idem_key from idempotency_key where expires_at < :now order by expires_at"
			+ " limit :limit)";

	/**
	 * Enough for a row that vanishes (released, expired) between our INSERT and our
	 * SELECT a few times.
	 */
	private static final int ATTEMPTS = 3;

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final IdempotencyProperties properties;

	IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Claims the key for a request with this fingerprint, or says why the request must
	 * not execute.
	 */
	Claim claim(IdempotencyScope scope, String fingerprint) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Instant now = this.clock.instant();
			String owner = UUID.randomUUID().toString();
			if (insert(scope, fingerprint, owner, now)) {
				return new Claim.Acquired(owner, false);
			}
			Optional<Row> found = find(scope);
			if (found.isEmpty()) {
				continue;
			}
			Row row = found.get();
			if (row.expiresAt().isBefore(now)) {
				// expired rows count as absent; the conditional delete cannot remove a
				// fresh row of a competitor
				this.jdbc.sql(DELETE_IF_EXPIRED).params(scope(scope)).param("now", timestamp(now)).update();
				continue;
			}
			if (!row.fingerprint().equals(fingerprint)) {
				return new Claim.Mismatch();
			}
			if (COMPLETED.equals(row.state())) {
				return new Claim.Replay(row.response());
			}
			if (row.lockedUntil() != null && !row.lockedUntil().isBefore(now)) {
				return new Claim.InFlight();
			}
			return takeOver(scope, fingerprint, owner, now) ? new Claim.Acquired(owner, true) : new Claim.InFlight();
		}
		return new Claim.InFlight();
	}

	/**
	 * Records the response of the request holding the key; false if it no longer holds
	 * it.
	 */
	boolean complete(IdempotencyScope scope, String owner, StoredResponse response) {
		return this.jdbc.sql(COMPLETE)
			.params(scope(scope))
			.param("owner", owner)
			.param("status", response.status())
			.param("headers", this.json.writeValueAsString(response.headers()))
			.param("body", response.body())
			.update() == 1;
	}

	/**
	 * Forgets the key so that a retry executes again; false if the request no longer held
	 * it.
	 */
	boolean release(IdempotencyScope scope, String owner) {
		return this.jdbc.sql(RELEASE).params(scope(scope)).param("owner", owner).update() == 1;
	}

	/** Deletes at most {@code limit} expired rows, oldest first; returns how many. */
	int deleteExpired(int limit) {
		return this.jdbc.sql(DELETE_EXPIRED_BATCH)
			.param("now", timestamp(this.clock.instant()))
			.param("limit", limit)
			.update();
	}

	private boolean insert(IdempotencyScope scope, String fingerprint, String owner, Instant now) {
		try {
			this.jdbc.sql(INSERT)
				.params(scope(scope))
				.param("fingerprint", fingerprint)
				.param("owner", owner)
				.param("lockedUntil", timestamp(now.plus(this.properties.lockTimeout())))
				.param("now", timestamp(now))
				.param("expiresAt", timestamp(now.plus(this.properties.ttl())))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private boolean takeOver(IdempotencyScope scope, String fingerprint, String owner, Instant now) {
		return this.jdbc.sql(TAKE_OVER)
			.params(scope(scope))
			.param("owner", owner)
			.param("fingerprint", fingerprint)
			.param("lockedUntil", timestamp(now.plus(this.properties.lockTimeout())))
			.param("now", timestamp(now))
			.update() == 1;
	}

	private Optional<Row> find(IdempotencyScope scope) {
		return this.jdbc.sql(SELECT).params(scope(scope)).query(this::row).optional();
	}

	private Row row(ResultSet rs, int rowNum) throws SQLException {
		String headers = rs.getString("response_headers");
		int status = rs.getInt("response_status");
		StoredResponse response = rs.wasNull() ? null : new StoredResponse(status,
				(headers != null) ? this.json.readValue(headers, HEADERS) : Map.of(), rs.getString("response_body"));
		return new Row(rs.getString("fingerprint"), rs.getString("state"), instant(rs, "locked_until"),
				instant(rs, "expires_at"), response);
	}

	private static Map<String, Object> scope(IdempotencyScope scope) {
		return Map.of("appId", scope.appId(), "caller", scope.caller(), "key", scope.key());
	}

	/**
	 * PostgreSQL keeps microseconds: truncating makes what is read back equal what was
	 * written.
	 */
	private static SqlParameterValue timestamp(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private record Row(String fingerprint, String state, Instant lockedUntil, Instant expiresAt,
			StoredResponse response) {
	}

}
