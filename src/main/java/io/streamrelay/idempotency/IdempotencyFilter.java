package io.streamrelay.idempotency;

import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.streamrelay.security.Callers;
import io.streamrelay.routes.ApiRoute;
import io.streamrelay.routes.ApiRoutes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes POST, PATCH and DELETE under {@code /v1/apps/{appId}/} idempotent when they carry
 * an {@code Idempotency-Key}: the first request executes and its response is recorded; a
 * retry with the same key and the same request gets that response again, marked
 * {@code Idempotent-Replayed: true}; app and path are those MVC resolves, not the raw
 * URL.
 */
class IdempotencyFilter extends OncePerRequestFilter {

	/**
	 * After authentication (which sets {@link Callers#ATTRIBUTE}), before nothing that
	 * matters.
	 */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	static final String REPLAYED = "Idempotent-Replayed";

	/**
	 * Only these response headers are recorded and replayed; the rest are per-response
	 * (Date, ...).
	 */
	static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG,
			HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER);

	private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

	/** The app_id column's width; no configured app is longer. */
	private static final int MAX_APP_ID = 255;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

	private final IdempotencyKeys keys;

	private final ApiRoutes routes;

	private final Fingerprints fingerprints;

	private final IdempotencyProblems problems;

	IdempotencyFilter(IdempotencyKeys keys, ApiRoutes routes, Fingerprints fingerprints, IdempotencyProblems problems) {
		this.keys = keys;
		this.routes = routes;
		this.fingerprints = fingerprints;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !METHODS.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> values = Collections.list(request.getHeaders(IdempotencyKeyHeader.NAME));
		Optional<ApiRoute> route = values.isEmpty() ? Optional.empty()
				: this.routes.resolve(request).filter((r) -> r.appId() != null && r.appId().length() <= MAX_APP_ID);
		if (route.isEmpty()) {
			// no key, or a path no app route matches (MVC answers 404): nothing to
			// remember
			chain.doFilter(request, response);
			return;
		}
		String key = (values.size() == 1) ? IdempotencyKeyHeader.parse(values.get(0)) : null;
		if (key == null) {
			this.problems.invalidKey(response);
			return;
		}
		CachedBodyRequest cached = new CachedBodyRequest(request);
		// the decoded app and the route's one spelling: "demo%2Dapp" is demo-app
		IdempotencyScope scope = new IdempotencyScope(route.get().appId(), Callers.of(request), key);
		String fingerprint = this.fingerprints.of(request.getMethod(), route.get(), request.getQueryString(),
				preconditions(request), cached.body());
		Claim claim;
		try {
			claim = this.keys.claim(scope, fingerprint);
		}
		catch (DataAccessException ex) {
			// nothing was executed: the client may retry with the same key
			log.warn("Idempotency key store failed; request not executed: {}", ex.toString());
			this.problems.unavailable(response);
			return;
		}
		if (claim instanceof Claim.Acquired acquired) {
			execute(cached, response, chain, scope, acquired.owner());
			return;
		}
		if (claim instanceof Claim.Replay replay) {
			count("replayed");
			replay(response, replay.response());
		}
		else if (claim instanceof Claim.Mismatch) {
			count("key_reused");
			this.problems.reused(response, key);
		}
		else {
			count("in_flight");
			this.problems.inFlight(response, key);
		}
	}

	/**
	 * Replays and conflicts: streamrelay.idempotency.requests (no app tag: the path's app
	 * may not be a configured one).
	 */
	private static void count(String outcome) {
		Metrics.counter("streamrelay.idempotency.requests", "outcome", outcome).increment();
	}

	private void execute(CachedBodyRequest request, HttpServletResponse response, FilterChain chain,
			IdempotencyScope scope, String owner) throws ServletException, IOException {
		CapturingResponse capture = new CapturingResponse(response);
		try {
			chain.doFilter(request, capture);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			forget(scope, owner);
			throw ex;
		}
		StoredResponse stored = recordable(capture);
		if (stored == null) {
			forget(scope, owner);
		}
		else if (!remember(scope, owner, stored)) {
			// an answer that could not be stored is not sent: a success the key cannot
			// replay would be executed again by the retry
			response.reset();
			this.problems.answerNotStored(response);
			return;
		}
		// recorded first, sent second: a client that loses this answer gets it on retry
		capture.copyBodyToResponse();
	}

	/**
	 * Answers that say "not now" rather than "no" are not recorded (as Stripe does for
	 * requests that conflicted with a concurrent one): a retry with the same key must get
	 * the outcome, not the hiccup.
	 */
	static final java.util.Set<Integer> TRANSIENT = java.util.Set.of(408, 409, 412, 423, 425, 429);

	/**
	 * The response to record, or null. A 5xx is never recorded: here it means nothing
	 * happened (vendor unreachable, throttled) or the outcome is unknown and recorded on
	 * the task for reconciliation, so the retry must execute again against the task's
	 * recorded state; replaying a 504 for a day would help nobody.
	 */
	private static StoredResponse recordable(CapturingResponse capture) {
		if (capture.getStatus() >= 500 || TRANSIENT.contains(capture.getStatus()) || capture.errorSent()) {
			return null;
		}
		String body;
		try {
			// API bodies are JSON, which is UTF-8 (RFC 8259) whatever the container's
			// default charset says
			body = StandardCharsets.UTF_8.newDecoder()
				.decode(ByteBuffer.wrap(capture.getContentAsByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : REPLAYED_HEADERS) {
			String value = HttpHeaders.CONTENT_TYPE.equals(name) ? capture.getContentType() : capture.getHeader(name);
			if (value != null) {
				headers.put(name, value);
			}
		}
		return new StoredResponse(capture.getStatus(), headers, body);
	}

	/** False when the store failed: the answer must not be sent. */
	private boolean remember(IdempotencyScope scope, String owner, StoredResponse stored) {
		try {
			if (!this.keys.complete(scope, owner, stored)) {
				log.warn("Idempotency key of app {} was taken over before its request finished; response not recorded",
						scope.appId());
			}
			return true;
		}
		catch (DataAccessException ex) {
			// the key stays in flight until its lock times out; a retry then executes
			// against the recorded task
			log.error("Could not record the response of an idempotent request; answered 503 instead: {}",
					ex.toString());
			return false;
		}
	}

	private void forget(IdempotencyScope scope, String owner) {
		try {
			this.keys.release(scope, owner);
		}
		catch (DataAccessException ex) {
			log.error("Could not release an idempotency key; it is retried after the lock timeout", ex);
		}
	}

	private static void replay(HttpServletResponse response, StoredResponse stored) throws IOException {
		byte[] body = stored.body().getBytes(StandardCharsets.UTF_8);
		response.setStatus(stored.status());
		stored.headers().forEach((name, value) -> {
			if (HttpHeaders.CONTENT_TYPE.equals(name)) {
				response.setContentType(value);
			}
			else {
				response.setHeader(name, value);
			}
		});
		response.setHeader(REPLAYED, "true");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * If-Match, and If-None-Match when sent (a PUT that starts only if nothing runs is
	 * another request than one that applies whatever runs); without If-None-Match the
	 * text is the one earlier keys were recorded with.
	 */
	private static String preconditions(HttpServletRequest request) {
		String ifMatch = request.getHeader("If-Match");
		String ifNoneMatch = request.getHeader("If-None-Match");
		if (ifNoneMatch == null) {
			return ifMatch;
		}
		return (ifMatch == null ? "" : ifMatch) + "\nIf-None-Match: " + ifNoneMatch;
	}

}
