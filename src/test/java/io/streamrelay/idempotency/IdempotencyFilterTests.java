package io.streamrelay.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.streamrelay.security.Callers;
import io.streamrelay.routes.TestRoutes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * The filter's rules with a scripted application behind it and the real key store on H2.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:idemfilter;DB_CLOSE_DELAY=-1",
		"spring.datasource.username=sa", "spring.datasource.password=" })
@Import(IdempotencyKeysTests.Store.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class IdempotencyFilterTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	private final IdempotencyFilter filter;

	private final JdbcClient jdbc;

	/**
	 * What the application answers, one script entry per execution; the last one repeats.
	 */
	private final List<Answer> script = new ArrayList<>();

	private final AtomicInteger executions = new AtomicInteger();

	@Autowired
	IdempotencyFilterTests(IdempotencyKeys keys, JdbcClient jdbc) {
		this.filter = new IdempotencyFilter(keys, TestRoutes.ofTheApi(), new Fingerprints(JSON),
				new IdempotencyProblems());
		this.jdbc = jdbc;
	}

	@BeforeEach
	void emptyTable() {
		this.jdbc.sql("delete from idempotency_key").update();
	}

	@Test
	void requestWithoutTheHeaderPassesThroughUntouched() throws Exception {
		MockHttpServletRequest request = post("{}");
		List<ServletRequest> seen = new ArrayList<>();

		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.add(req));

		assertThat(seen).containsExactly(request);
		assertThat(this.jdbc.sql("select count(*) from idempotency_key").query(Integer.class).single()).isZero();
	}

	@Test
	void serverErrorIsNotRecordedSoTheRetryExecutesAgain() throws Exception {
		this.script.add(new Answer(503, "{\"type\":\"https://streamrelay.io/problems/upstream-unreachable\"}"));
		this.script.add(new Answer(201, "{\"taskId\":\"t1\"}"));

		MockHttpServletResponse first = send(withKey(post("{\"a\":1}"), "k1"));
		MockHttpServletResponse retry = send(withKey(post("{\"a\":1}"), "k1"));
		MockHttpServletResponse again = send(withKey(post("{\"a\":1}"), "k1"));

		assertThat(first.getStatus()).isEqualTo(503);
		assertThat(retry.getStatus()).isEqualTo(201);
		assertThat(retry.getHeader(IdempotencyFilter.REPLAYED)).isNull();
		assertThat(again.getStatus()).isEqualTo(201);
		assertThat(again.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
		assertThat(this.executions).hasValue(2);
	}

	@Test
	void clientErrorIsRecordedAndReplayedWithItsHeaders() throws Exception {
		this.script.add(new Answer(422, "{\"title\":\"Destination not allowed\"}"));

		MockHttpServletResponse first = send(withKey(post("{}"), "k1"));
		MockHttpServletResponse replay = send(withKey(post("{}"), "k1"));

		assertThat(replay.getStatus()).isEqualTo(422);
		assertThat(replay.getContentAsString()).isEqualTo(first.getContentAsString());
		assertThat(replay.getContentType()).isEqualTo("application/problem+json");
		assertThat(replay.getHeader("Location")).isEqualTo("/somewhere");
		assertThat(replay.getHeader("ETag")).isEqualTo("\"7\"");
		assertThat(replay.getHeader("X-Not-Replayed")).isNull();
		assertThat(this.executions).hasValue(1);
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(ints = { 408, 409, 412, 423, 425, 429 })
	void transientRefusalsAreNotRecordedSoTheRetryGetsTheOutcome(int status) throws Exception {
		this.script.add(new Answer(status, "{\"title\":\"not now\"}"));
		assertThat(send(withKey(post("{}"), "k-" + status)).getStatus()).isEqualTo(status);
		this.script.add(new Answer(201, "{\"taskId\":\"t1\"}"));

		MockHttpServletResponse retry = send(withKey(post("{}"), "k-" + status));

		assertThat(retry.getStatus()).isEqualTo(201);
		assertThat(retry.getHeader("Idempotent-Replayed")).isNull();
		assertThat(this.executions).hasValue(2);
	}

	@Test
	void anotherIfMatchUnderTheSameKeyIsAnotherRequest() throws Exception {
		this.script.add(new Answer(200, "{\"taskId\":\"t1\"}"));
		MockHttpServletRequest first = withKey(post("{}"), "k-if");
		first.addHeader("If-Match", "\"2\"");
		assertThat(send(first).getStatus()).isEqualTo(200);
		MockHttpServletRequest other = withKey(post("{}"), "k-if");
		other.addHeader("If-Match", "\"3\"");
		assertThat(send(other).getStatus()).isEqualTo(422);
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void failureThrownByTheApplicationReleasesTheKey() throws Exception {
		FilterChain failing = (req, res) -> {
			throw new IllegalStateException("boom");
		};
		assertThatRuntimeException()
			.isThrownBy(() -> this.filter.doFilter(withKey(post("{}"), "k1"), new MockHttpServletResponse(), failing));
		this.script.add(new Answer(201, "{}"));

		assertThat(send(withKey(post("{}"), "k1")).getStatus()).isEqualTo(201);
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void errorRenderedByTheContainerIsNotRecorded() throws Exception {
		FilterChain sendsError = (req, res) -> ((HttpServletResponse) res).sendError(404);
		this.filter.doFilter(withKey(post("{}"), "k1"), new MockHttpServletResponse(), sendsError);
		this.script.add(new Answer(201, "{}"));

		assertThat(send(withKey(post("{}"), "k1")).getStatus()).isEqualTo(201);
	}

	@Test
	void reorderedJsonIsTheSameRequestButAnotherBodyIsRefused() throws Exception {
		this.script.add(new Answer(201, "{\"taskId\":\"t1\"}"));
		send(withKey(post("{\"channelId\":\"c1\",\"single\":{\"userId\":\"u\",\"x\":[1,{\"b\":1,\"a\":2}]}}"), "k1"));

		MockHttpServletResponse same = send(withKey(
				post("{ \"single\" : {\"x\":[1,{\"a\":2,\"b\":1}], \"userId\":\"u\"}, \"channelId\":\"c1\" }"), "k1"));
		MockHttpServletResponse other = send(withKey(post("{\"channelId\":\"c2\"}"), "k1"));

		assertThat(same.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
		assertProblem(other, 422, "idempotency-key-reused");
		assertThat(problem(other).get("detail").asString()).contains("was used for a different request");
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void sameKeyOnAnotherPathOrMethodIsADifferentRequest() throws Exception {
		this.script.add(new Answer(200, "{}"));
		send(withKey(new MockHttpServletRequest("DELETE", TASKS + "/t1"), "k1"));

		assertProblem(send(withKey(new MockHttpServletRequest("DELETE", TASKS + "/t2"), "k1")), 422,
				"idempotency-key-reused");
		assertProblem(send(withKey(new MockHttpServletRequest("PATCH", TASKS + "/t1"), "k1")), 422,
				"idempotency-key-reused");
	}

	@Test
	void anotherSpellingOfTheSamePathIsTheSameRequest() throws Exception {
		this.script.add(new Answer(200, "{}"));
		send(withKey(new MockHttpServletRequest("DELETE", TASKS + "/t1"), "k1"));

		MockHttpServletResponse encoded = send(
				withKey(new MockHttpServletRequest("DELETE", "/v1/apps/demo%2Dapp/relay%2dtasks/%741"), "k1"));

		assertThat(encoded.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
		assertThat(this.executions).hasValue(1);
		assertThat(this.jdbc.sql("select app_id from idempotency_key").query(String.class).list())
			.containsExactly("demo-app");
	}

	@Test
	void keyOnAPathNoRouteMatchesIsNotRecorded() throws Exception {
		this.script.add(new Answer(404, "{}"));

		send(withKey(new MockHttpServletRequest("POST", "/v1/apps/demo-app/nothing"), "k1"));
		send(withKey(new MockHttpServletRequest("POST", "/v1/apps/demo-app/nothing"), "k1"));

		assertThat(this.executions).hasValue(2);
		assertThat(this.jdbc.sql("select count(*) from idempotency_key").query(Integer.class).single()).isZero();
	}

	@Test
	void keysAreScopedByCaller() throws Exception {
		this.script.add(new Answer(201, "{}"));
		send(withKey(post("{}"), "k1"));
		MockHttpServletRequest other = withKey(post("{}"), "k1");
		other.setAttribute(Callers.ATTRIBUTE, "ci-key");

		assertThat(send(other).getHeader(IdempotencyFilter.REPLAYED)).isNull();
		assertThat(this.executions).hasValue(2);
	}

	@Test
	void structuredFieldStringNamesTheSameKeyAsTheBareValue() throws Exception {
		this.script.add(new Answer(201, "{}"));
		send(withKey(post("{}"), "8e03978e-40d5"));

		assertThat(send(withKey(post("{}"), "\"8e03978e-40d5\"")).getHeader(IdempotencyFilter.REPLAYED))
			.isEqualTo("true");
	}

	@Test
	void requestInFlightIsAnswered409WithRetryAfter() throws Exception {
		java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
		FilterChain nested = (req, res) -> {
			ran.set(true);
			MockHttpServletResponse concurrent = send(withKey(post("{}"), "k1"));
			assertProblem(concurrent, 409, "idempotency-request-in-flight");
			assertThat(concurrent.getHeader("Retry-After")).isEqualTo("1");
			((HttpServletResponse) res).setStatus(201);
		};
		MockHttpServletResponse outer = new MockHttpServletResponse();
		this.filter.doFilter(withKey(post("{}"), "k1"), outer, nested);
		assertThat(ran).isTrue();
		assertThat(outer.getStatus()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "caf\u00e9", "tab\there", "del\u007f", "\"bad\\escape\"", "\"\"" })
	void malformedKeyIsRefusedNamingTheHeader(String key) throws Exception {
		MockHttpServletResponse response = send(withKey(post("{}"), key));

		assertProblem(response, 400, "invalid-idempotency-key");
		assertThat(problem(response).get("detail").asString()).startsWith("Idempotency-Key ");
		assertThat(problem(response).get("header").asString()).isEqualTo("Idempotency-Key");
		assertThat(this.executions).hasValue(0);
	}

	@Test
	void keyOf255CharactersIsAcceptedAnd256Refused() throws Exception {
		this.script.add(new Answer(201, "{}"));

		assertThat(send(withKey(post("{}"), "k".repeat(255))).getStatus()).isEqualTo(201);
		assertProblem(send(withKey(post("{}"), "k".repeat(256))), 400, "invalid-idempotency-key");
	}

	@Test
	void keySentTwiceIsRefused() throws Exception {
		MockHttpServletRequest request = withKey(post("{}"), "k1");
		request.addHeader(IdempotencyKeyHeader.NAME, "k2");

		assertProblem(send(request), 400, "invalid-idempotency-key");
	}

	@Test
	void readsAndOtherPathsAreNotFiltered() throws Exception {
		this.script.add(new Answer(200, "{}"));

		assertThat(send(withKey(new MockHttpServletRequest("GET", TASKS), "")).getStatus()).isEqualTo(200);
		assertThat(send(withKey(new MockHttpServletRequest("POST", "/v1/mpu-task-ids"), "")).getStatus())
			.isEqualTo(200);
	}

	private MockHttpServletResponse send(MockHttpServletRequest request) throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			this.filter.doFilter(request, response, this::application);
		}
		catch (jakarta.servlet.ServletException ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

	private void application(ServletRequest request, jakarta.servlet.ServletResponse servletResponse)
			throws IOException {
		int n = this.executions.getAndIncrement();
		Answer answer = this.script.get(Math.min(n, this.script.size() - 1));
		request.getInputStream().readAllBytes();
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		response.setStatus(answer.status());
		response.setContentType(answer.status() >= 400 ? "application/problem+json" : "application/json");
		response.setHeader("Location", "/somewhere");
		response.setHeader("ETag", "\"7\"");
		response.setHeader("X-Not-Replayed", "x");
		response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
	}

	private static MockHttpServletRequest post(String json) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", TASKS);
		request.setContentType("application/json");
		request.setContent(json.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static MockHttpServletRequest withKey(MockHttpServletRequest request, String key) {
		request.addHeader(IdempotencyKeyHeader.NAME, key);
		return request;
	}

	private static void assertProblem(MockHttpServletResponse response, int status, String slug) throws IOException {
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = problem(response);
		assertThat(problem.get("type").asString()).isEqualTo("https://streamrelay.io/problems/" + slug);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
	}

	private static JsonNode problem(MockHttpServletResponse response) throws IOException {
		return JSON.readTree(response.getContentAsByteArray());
	}

	private record Answer(int status, String body) {
	}

}
