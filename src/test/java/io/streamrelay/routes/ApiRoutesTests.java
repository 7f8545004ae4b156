package io.streamrelay.routes;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes resolved by MVC's own mappings from raw request URIs. */
class ApiRoutesTests {

	static final String TASK = "/v1/apps/{appId}/relay-tasks/{taskId}";

	static final ApiRoutes ROUTES = TestRoutes.ofTheApi();

	@ParameterizedTest
	@CsvSource({ "/v1/apps/demo-app/relay-tasks/t1", "/v1/apps/demo%2Dapp/relay-tasks/t1",
			"/v1/apps/%64emo%2dapp/relay%2Dtasks/%741", "/%761/apps/demo-app/relay-tasks/t1" })
	void everySpellingOfAPathResolvesToTheSameRouteAndDecodedVariables(String uri) {
		ApiRoute route = resolve("GET", uri).orElseThrow();

		assertThat(route.pattern()).isEqualTo(TASK);
		assertThat(route.variables()).isEqualTo(Map.of("appId", "demo-app", "taskId", "t1"));
		assertThat(route.appId()).isEqualTo("demo-app");
		assertThat(route.canonicalPath()).isEqualTo("/v1/apps/demo-app/relay-tasks/t1");
	}

	@ParameterizedTest
	@CsvSource({ "POST, /v1/apps/a/relay-tasks/adoptions, /v1/apps/{appId}/relay-tasks/adoptions, ",
			"PATCH, /v1/apps/a/relay-tasks/adoptions, /v1/apps/{appId}/relay-tasks/{taskId}, adoptions",
			"GET, /v1/apps/a/relay-tasks/adoptions, /v1/apps/{appId}/relay-tasks/{taskId}, adoptions",
			"DELETE, /v1/apps/a/relay-tasks, /v1/apps/{appId}/relay-tasks, ",
			"GET, /v1/apps/a/relay-tasks/t/events, /v1/apps/{appId}/relay-tasks/{taskId}/events, t",
			"GET, /v1/apps/a/mpu-task-ids, /v1/apps/{appId}/mpu-task-ids, " })
	void methodDecidesBetweenRoutesOfOnePathAsMvcDoesAndAPathOnlyMatchStillResolves(String method, String uri,
			String pattern, String taskId) {
		ApiRoute route = resolve(method, uri).orElseThrow();

		assertThat(route.pattern()).isEqualTo(pattern);
		assertThat(route.variable("taskId")).isEqualTo(taskId);
		assertThat(route.appId()).isEqualTo("a");
	}

	@Test
	void pathUnderTheApiThatNoRouteMatchesIsUnknown() {
		assertThat(resolve("GET", "/v1/apps/a/nothing")).hasValueSatisfying((r) -> assertThat(r.known()).isFalse());
		assertThat(resolve("GET", "/v1/apps/a/relay-tasks/"))
			.hasValueSatisfying((r) -> assertThat(r.known()).isFalse());
		assertThat(resolve("GET", "/v1")).hasValueSatisfying((r) -> assertThat(r.known()).isFalse());
	}

	@Test
	void pathsOutsideTheApiAreNotResolved() {
		assertThat(resolve("POST", "/")).isEmpty();
		assertThat(resolve("GET", "/actuator/health")).isEmpty();
		assertThat(resolve("GET", "/v1x/apps/a/relay-tasks")).isEmpty();
	}

	@Test
	void parametersAreNotReadForOtherPathsAndTheRequestIsLeftAsItWas() {
		// the emulator's "/" mapping has a params condition: reading parameters would
		// consume a form body
		java.util.concurrent.atomic.AtomicInteger parameterReads = new java.util.concurrent.atomic.AtomicInteger();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/apps/a/relay-tasks") {

			@Override
			public Map<String, String[]> getParameterMap() {
				parameterReads.incrementAndGet();
				return super.getParameterMap();
			}

			@Override
			public String getParameter(String name) {
				parameterReads.incrementAndGet();
				return super.getParameter(name);
			}

		};

		assertThat(ROUTES.resolve(request)).isPresent();

		assertThat(parameterReads).hasValue(0);
		assertThat(ServletRequestPathUtils.hasParsedRequestPath(request)).isFalse();
	}

	@Test
	void canonicalPathEncodesWhatIsNotUnreservedOneWay() {
		ApiRoute route = new ApiRoute(TASK, Map.of("appId", "demo-app", "taskId", "a b/ü"));

		assertThat(route.canonicalPath()).isEqualTo("/v1/apps/demo-app/relay-tasks/a%20b%2F%C3%BC");
	}

	private static Optional<ApiRoute> resolve(String method, String uri) {
		return ROUTES.resolve(new MockHttpServletRequest(method, uri));
	}

}
