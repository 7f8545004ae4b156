package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.streamrelay.emulator.FaultRule.Kind;
import io.streamrelay.emulator.FaultRule.When;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The fault and vanish control endpoints over HTTP, and the raw wire shape of the
 * injected faults.
 */
// same context as MpuApiHttpTest; every test clears the plan it used
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class)
class EmulatorFaultControlHttpTest {

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	@Autowired
	FaultPlan faults;

	private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

	@BeforeEach
	@AfterEach
	void reset() {
		this.state.reset();
		this.faults.clear();
	}

	@Test
	void addedRuleIsAnsweredWithItsIdAndListedWithItsRemainingCount() throws Exception {
		HttpResponse<String> created = send("POST", "/emulator/faults",
				"{\"action\":\"StartLiveMPUTask\",\"kind\":\"INTERNAL_ERROR\",\"count\":2,\"when\":\"BEFORE\",\"latencyMs\":0}");

		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode rule = JsonParams.MAPPER.readTree(created.body());
		assertThat(rule.get("id").asLong()).isPositive();
		assertThat(rule.get("kind").stringValue()).isEqualTo("INTERNAL_ERROR");
		assertThat(rule.get("remaining").asInt()).isEqualTo(2);

		this.faults.take("StartLiveMPUTask");
		JsonNode listed = JsonParams.MAPPER.readTree(send("GET", "/emulator/faults", null).body());
		assertThat(listed.get("faults")).singleElement().satisfies((fault) -> {
			assertThat(fault.get("id").asLong()).isEqualTo(rule.get("id").asLong());
			assertThat(fault.get("action").stringValue()).isEqualTo("StartLiveMPUTask");
			assertThat(fault.get("count").asInt()).isEqualTo(2);
			assertThat(fault.get("remaining").asInt()).isEqualTo(1);
		});
	}

	@Test
	void omittedFieldsDefaultToOneRequestBeforeTheOperationForAnyAction() throws Exception {
		send("POST", "/emulator/faults", "{\"kind\":\"garbage\"}");

		assertThat(this.faults.rules()).singleElement()
			.extracting(FaultPlan.ActiveFault::rule)
			.isEqualTo(new FaultRule(null, Kind.GARBAGE, 1, 0, When.BEFORE));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"kind\":\"NOPE\"}|kind", "{}|kind",
			"{\"kind\":\"LATENCY\",\"count\":0}|count", "{\"kind\":\"LATENCY\",\"count\":\"2\"}|count",
			"{\"kind\":\"LATENCY\",\"latencyMs\":120001}|latencyMs", "{\"kind\":\"LATENCY\",\"when\":\"LATER\"}|when",
			"{\"kind\":\"GARBAGE\",\"action\":\"DescribeLiveStreams\"}|action",
			"{\"kind\":\"GARBAGE\",\"colour\":\"red\"}|colour", "not json|body", "[]|body" })
	void invalidRuleIsAProblemNamingTheField(String body, String field) throws Exception {
		HttpResponse<String> response = send("POST", "/emulator/faults", body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonParams.MAPPER.readTree(response.body());
		assertThat(problem.get("field").stringValue()).isEqualTo(field);
		assertThat(problem.get("type").stringValue()).endsWith("/emulator-invalid-fault");
		assertThat(problem.get("detail").stringValue()).contains(field);
		assertThat(this.faults.rules()).isEmpty();
	}

	@Test
	void deleteClearsEveryRule() throws Exception {
		this.faults.add(FaultRule.always(null, Kind.LATENCY));
		this.faults.add(FaultRule.always("StopLiveMPUTask", Kind.THROTTLING));

		assertThat(send("DELETE", "/emulator/faults", null).statusCode()).isEqualTo(204);

		assertThat(send("GET", "/emulator/faults", null).body()).isEqualTo("{\"faults\":[]}");
	}

	@Test
	void resetAlsoClearsTheFaultPlan() throws Exception {
		this.faults.add(FaultRule.always(null, Kind.LATENCY));

		assertThat(send("POST", "/emulator/reset", "").statusCode()).isEqualTo(204);

		assertThat(this.faults.rules()).isEmpty();
	}

	@Test
	void vanishStopsARunningTaskWithoutCountingAStop() throws Exception {
		start("t1");

		assertThat(send("POST", "/emulator/tasks/app1/t1/vanish", "").statusCode()).isEqualTo(204);

		EmulatedTask task = this.state.task("app1", "t1").orElseThrow();
		assertThat(task.running()).isFalse();
		assertThat(task.stoppedAt()).isNotNull();
		assertThat(this.state.callCount("StopLiveMPUTask")).isZero();
	}

	@Test
	void vanishOfAnUnknownOrStoppedTaskIsANotFoundProblem() throws Exception {
		start("t1");
		this.state.vanish("app1", "t1");

		for (String path : List.of("/emulator/tasks/app1/t1/vanish", "/emulator/tasks/app1/none/vanish")) {
			HttpResponse<String> response = send("POST", path, "");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JsonParams.MAPPER.readTree(response.body()).get("taskId").stringValue()).isIn("t1", "none");
		}
	}

	@Test
	void droppedConnectionFailsAPlainHttpClientMidBody() {
		this.faults.add(FaultRule.always("ListRtcMPUTaskDetail", Kind.DROP_CONNECTION));

		assertThatThrownBy(() -> list()).isInstanceOf(IOException.class);
	}

	@Test
	void garbageIsA200WhoseBodyIsNotJson() throws Exception {
		this.faults.add(FaultRule.always("ListRtcMPUTaskDetail", Kind.GARBAGE));

		HttpResponse<String> response = list();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(FaultInjector.GARBAGE_BODY);
	}

	@Test
	void serverErrorsHaveTheVendorErrorShape() throws Exception {
		this.faults.add(new FaultRule("ListRtcMPUTaskDetail", Kind.INTERNAL_ERROR, 1, 0, When.BEFORE));
		this.faults.add(new FaultRule("ListRtcMPUTaskDetail", Kind.THROTTLING, 1, 0, When.BEFORE));

		HttpResponse<String> internal = list();
		HttpResponse<String> throttled = list();

		assertThat(internal.statusCode()).isEqualTo(500);
		JsonNode body = JsonParams.MAPPER.readTree(internal.body());
		assertThat(body.get("Code").stringValue()).isEqualTo("InternalError");
		assertThat(body.get("Message").stringValue())
			.isEqualTo("The request processing has failed due to some unknown error.");
		assertThat(body.get("HostId").stringValue()).isEqualTo("live.aliyuncs.com");
		assertThat(throttled.statusCode()).isEqualTo(400);
		assertThat(throttled.body()).contains("\"Code\":\"Throttling.User\"");
	}

	private void start(String taskId) {
		TaskSpec spec = new TaskSpec("app1", "ch1", taskId, "0", List.of("rtmp://a/live/" + taskId),
				Map.of("AppId", "app1", "ChannelId", "ch1", "TaskId", taskId, "MixMode", "0"));
		this.state.start(spec, EmulatedTask.Origin.API, "StartLiveMPUTask");
	}

	private HttpResponse<String> list() throws IOException, InterruptedException {
		Map<String, String> params = MpuApiHttpTest.signed("GET", "ListRtcMPUTaskDetail",
				Map.of("AppId", "app1", "PageNo", "1", "PageSize", "10"));
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/?" + MpuApiHttpTest.form(params)))
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.method(method, body)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
