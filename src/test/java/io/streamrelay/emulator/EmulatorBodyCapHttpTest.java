package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
 * Bodies sent to the emulator are capped on the bytes actually read: chunked ones (no
 * declared length) as well as declared ones, over a real socket.
 */
// same context as MpuApiHttpTest: the emulator alone, where the cap is the service's
// default of 65536 bytes
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = EmulatorSdkTest.EmulatorOnly.class)
class EmulatorBodyCapHttpTest {

	static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	@Autowired
	FaultPlan faults;

	@BeforeEach
	@AfterEach
	void reset() {
		this.state.reset();
		this.faults.clear();
	}

	/** A correctly signed List call whose form body is padded to about the given size. */
	static byte[] signedListForm(int bytes) {
		Map<String, String> params = MpuApiHttpTest.signed("POST", "ListRtcMPUTaskDetail",
				Map.of("AppId", "app1", "PageNo", "1", "PageSize", "10", "Padding", "p".repeat(bytes)));
		return MpuApiHttpTest.form(params).getBytes(StandardCharsets.UTF_8);
	}

	@ParameterizedTest
	@ValueSource(ints = { 70_000, 2_200_000 })
	void chunkedFormOverTheCapIsAVendorShaped413AndNeverExecuted(int bytes) throws Exception {
		RawHttp.Answer answer = RawHttp.postChunked(this.port, "/", FORM, signedListForm(bytes));

		assertThat(answer.status()).as(answer.body()).isEqualTo(413);
		assertThat(answer.contentType()).isEqualTo("application/json;charset=UTF-8");
		JsonNode body = JsonParams.MAPPER.readTree(answer.body());
		assertThat(body.propertyNames()).containsExactly("RequestId", "HostId", "Code", "Message", "Recommend");
		assertThat(body.get("Code").stringValue()).isEqualTo("RequestBodyTooLarge");
		assertThat(body.get("Message").stringValue()).contains("65536");
		assertThat(this.state.callCounts()).isEmpty();
	}

	@Test
	void chunkedFormUnderTheCapIsParsedAndServed() throws Exception {
		RawHttp.Answer answer = RawHttp.postChunked(this.port, "/", FORM, signedListForm(30_000));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(this.state.callCount("ListRtcMPUTaskDetail")).isEqualTo(1);
	}

	@Test
	void declaredLengthOverTheCapIsAVendorShaped413() throws Exception {
		HttpResponse<String> response = HttpClient.newBuilder()
			.proxy(HttpClient.Builder.NO_PROXY)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofByteArray(signedListForm(70_000)))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(MpuApiHttpTest.vendorCode(response)).isEqualTo("RequestBodyTooLarge");
		assertThat(this.state.callCounts()).isEmpty();
	}

	@Test
	void chunkedJsonOverTheCapOnAControlEndpointIsA413Problem() throws Exception {
		String rule = "{\"kind\":\"GARBAGE\",\"action\":\"StartLiveMPUTask\"" + " ".repeat(70_000) + "}";

		RawHttp.Answer answer = RawHttp.postChunked(this.port, "/emulator/faults",
				Map.of("Content-Type", "application/json"), rule.getBytes(StandardCharsets.UTF_8));

		assertThat(answer.status()).as(answer.body()).isEqualTo(413);
		assertThat(answer.contentType()).isEqualTo("application/problem+json");
		assertThat(JsonParams.MAPPER.readTree(answer.body()).get("type").stringValue())
			.isEqualTo("https://streamrelay.io/problems/payload-too-large");
		assertThat(this.faults.rules()).isEmpty();
	}

}
