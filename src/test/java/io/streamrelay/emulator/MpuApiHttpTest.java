package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Exercises the wire protocol directly: GET, form bodies, response shape and gateway
 * errors.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class)
class MpuApiHttpTest {

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

	static Map<String, String> signed(String method, String action, Map<String, String> business) {
		return signed(method, action, business, UUID.randomUUID().toString());
	}

	static Map<String, String> signed(String method, String action, Map<String, String> business, String nonce) {
		Map<String, String> params = new LinkedHashMap<>(business);
		params.put("Action", action);
		params.put("Format", "JSON");
		params.put("Version", "2016-11-01");
		params.put("AccessKeyId", "LTAIemulatorKey");
		params.put("SignatureMethod", "HMAC-SHA1");
		params.put("SignatureVersion", "1.0");
		params.put("SignatureNonce", nonce);
		params.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		params.put("Signature", SignatureV1.sign(method, params, "emulator-secret"));
		return params;
	}

	static String form(Map<String, String> params) {
		return params.entrySet()
			.stream()
			.map((e) -> SignatureV1.percentEncode(e.getKey()) + "=" + SignatureV1.percentEncode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	private HttpResponse<String> get(Map<String, String> params) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/?" + form(params))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String query) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/?" + query)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(String query, Map<String, String> body) throws Exception {
		String target = query.isEmpty() ? "/" : "/?" + query;
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + target))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answersSignedGetWithUpperCaseRequestIdOnlyJson() throws Exception {
		HttpResponse<String> response = get(
				signed("GET", "ListRtcMPUTaskDetail", Map.of("AppId", "app1", "PageNo", "1", "PageSize", "10")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
		JsonNode body = JsonParams.MAPPER.readTree(response.body());
		assertThat(body.get("RequestId").stringValue())
			.matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
		assertThat(body.get("MPUTasks").isArray()).isTrue();
	}

	@Test
	void acceptsParametersInFormBody() throws Exception {
		Map<String, String> params = signed("POST", "StartLiveMPUTask",
				Map.of("AppId", "app1", "ChannelId", "ch1", "TaskId", "t1", "MixMode", "0", "StreamURL",
						"rtmp://a/live/s", "SingleSubParams", "{\"UserId\":\"u 1*~\"}"));

		HttpResponse<String> response = postForm("", params);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.state.task("app1", "t1")).get()
			.extracting((task) -> task.params().get("SingleSubParams"))
			.isEqualTo("{\"UserId\":\"u 1*~\"}");
	}

	@Test
	void errorBodyHasVendorShape() throws Exception {
		HttpResponse<String> response = get(signed("GET", "StopLiveMPUTask", Map.of("AppId", "app1", "TaskId", "t1")));

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = JsonParams.MAPPER.readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("RequestId", "HostId", "Code", "Message", "Recommend");
		assertThat(body.get("HostId").stringValue()).isEqualTo("live.aliyuncs.com");
		assertThat(body.get("Code").stringValue()).isEqualTo("InvalidParam");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DescribeLiveStreams", "StartLiveMPUTaskX", "x" })
	void unknownActionIsInvalidActionNotFoundAndNeitherCountedNorFaulted(String action) throws Exception {
		this.faults.add(new FaultRule(null, FaultRule.Kind.THROTTLING, 1, 0, FaultRule.When.BEFORE));

		HttpResponse<String> response = get(signed("GET", action, Map.of()));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(vendorCode(response)).isEqualTo("InvalidAction.NotFound");
		assertThat(this.state.callCounts()).isEmpty();
		assertThat(this.faults.rules()).singleElement().extracting(FaultPlan.ActiveFault::remaining).isEqualTo(1);
	}

	@Test
	void refusesSignatureNonceLongerThan64CharactersWithoutCountingTheCall() throws Exception {
		Map<String, String> list = Map.of("AppId", "app1", "PageNo", "1", "PageSize", "10");

		HttpResponse<String> tooLong = get(signed("GET", "ListRtcMPUTaskDetail", list, "n".repeat(65)));
		HttpResponse<String> longest = get(signed("GET", "ListRtcMPUTaskDetail", list, "n".repeat(64)));

		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(vendorCode(tooLong)).isEqualTo("InvalidParameter");
		assertThat(tooLong.body()).contains("SignatureNonce").contains("64");
		assertThat(longest.statusCode()).as(longest.body()).isEqualTo(200);
		assertThat(this.state.callCount("ListRtcMPUTaskDetail")).isEqualTo(1);
	}

	@Test
	void refusesAParameterRepeatedInTheQueryAndActsOnNothing() throws Exception {
		startSingleTask("t1");
		String query = form(signed("GET", "StopLiveMPUTask", Map.of("AppId", "app1", "TaskId", "t1"))) + "&TaskId=t2";

		HttpResponse<String> response = get(query);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(vendorCode(response)).isEqualTo("InvalidParameter");
		assertThat(response.body()).contains("TaskId");
		assertThat(this.state.task("app1", "t1")).get().extracting(EmulatedTask::running).isEqualTo(true);
		assertThat(this.state.callCount("StopLiveMPUTask")).isZero();
	}

	@Test
	void refusesAParameterGivenInBothQueryAndFormBody() throws Exception {
		Map<String, String> params = signed("POST", "ListRtcMPUTaskDetail",
				Map.of("AppId", "app1", "PageNo", "1", "PageSize", "10"));

		HttpResponse<String> response = postForm("AppId=app1", params);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(vendorCode(response)).isEqualTo("InvalidParameter");
		assertThat(response.body()).contains("AppId");
		assertThat(this.state.callCount("ListRtcMPUTaskDetail")).isZero();
	}

	private void startSingleTask(String taskId) throws Exception {
		HttpResponse<String> started = get(signed("GET", "StartLiveMPUTask",
				Map.of("AppId", "app1", "ChannelId", "ch1", "TaskId", taskId, "MixMode", "0", "StreamURL",
						"rtmp://a/live/" + taskId, "SingleSubParams", "{\"UserId\":\"u1\"}")));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
	}

	static String vendorCode(HttpResponse<String> response) {
		JsonNode body = JsonParams.MAPPER.readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("RequestId", "HostId", "Code", "Message", "Recommend");
		return body.get("Code").stringValue();
	}

	@Test
	void listRequiresPagingWithoutTaskIdAndCapsPageSize() throws Exception {
		assertThat(get(signed("GET", "ListRtcMPUTaskDetail", Map.of("AppId", "app1"))).body())
			.contains("\"Code\":\"MissingParam\"");
		assertThat(get(signed("GET", "ListRtcMPUTaskDetail", Map.of("AppId", "app1", "PageNo", "1", "PageSize", "101")))
			.body()).contains("\"Code\":\"InvalidParam\"");
		assertThat(get(signed("GET", "ListRtcMPUTaskDetail", Map.of("AppId", "app1", "TaskId", "none"))).body())
			.contains("\"MPUTasks\":[]");
	}

	@Test
	void customSeiMustBeJsonOfAtMost4096Characters() throws Exception {
		assertThat(get(signed("GET", "SetLiveMpuTaskSei",
				Map.of("AppId", "app1", "TaskId", "t1", "CustomSei", "{\"a\":\"" + "x".repeat(4090) + "\"}")))
			.body()).contains("at most 4096");
		assertThat(
				get(signed("GET", "SetLiveMpuTaskSei", Map.of("AppId", "app1", "TaskId", "t1", "CustomSei", "{oops")))
					.body())
			.contains("not valid JSON");
	}

}
