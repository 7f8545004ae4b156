package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.aliyuncs.auth.RpcSignatureComposer;
import com.aliyuncs.auth.Signer;
import com.aliyuncs.auth.signers.HmacSHA1Signer;
import com.aliyuncs.http.MethodType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The emulator's signature v1 agrees with the vendor SDK's own composer and signer on
 * every vector of docs/aliyun-mpu-api.md §6.1, and encodes and sorts per the spec.
 */
class SignatureV1Test {

	private static final Signer SDK_SIGNER = new HmacSHA1Signer();

	private static Map<String, String> documentedParams(String timestampName) {
		Map<String, String> params = new HashMap<>();
		params.put("AccessKeyId", "testid");
		params.put("Action", "DescribeRegions");
		params.put("Format", "XML");
		params.put("SignatureMethod", "HMAC-SHA1");
		params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
		params.put("SignatureVersion", "1.0");
		params.put(timestampName, "2016-02-23T12:46:24Z");
		params.put("Version", "2014-05-26");
		return params;
	}

	private static Map<String, String> stopParams(String action) {
		Map<String, String> params = new HashMap<>();
		params.put("AccessKeyId", "testid");
		params.put("Action", action);
		params.put("AppId", "app1");
		params.put("Format", "JSON");
		params.put("RegionId", "cn-shanghai");
		params.put("SignatureMethod", "HMAC-SHA1");
		params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
		params.put("SignatureVersion", "1.0");
		params.put("TaskId", "task-1");
		params.put("Timestamp", "2024-01-01T00:00:00Z");
		params.put("Version", "2016-11-01");
		return params;
	}

	private static Map<String, String> seiParams() {
		Map<String, String> params = stopParams("SetLiveMpuTaskSei");
		// exercises %20, %2A and a literal ~
		params.put("CustomSei", "{\"a\":\"b c*~\"}");
		return params;
	}

	/** The vectors of docs/aliyun-mpu-api.md §6.1, each with its documented signature. */
	static Stream<Arguments> documentedVectors() {
		return Stream.of(
				arguments("documented GET, legacy TimeStamp", "GET", documentedParams("TimeStamp"),
						"CT9X0VtwR86fNWSnsc6v8YGOjuE="),
				arguments("GET, modern Timestamp", "GET", documentedParams("Timestamp"),
						"OLeaidS1JvxuMvnyHOwuJ+uX5qY="),
				arguments("StopLiveMPUTask POST", "POST", stopParams("StopLiveMPUTask"),
						"QMPbbRonHeOzRz5vrLKjX/zm+lY="),
				arguments("SetLiveMpuTaskSei POST with space, star and tilde", "POST", seiParams(),
						"LyavA0l2/0rJq7721/wSXHehlRs="));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("documentedVectors")
	void signsEveryDocumentedVectorAsTheVendorSdkDoes(String vector, String method, Map<String, String> params,
			String documented) {
		String sdkStringToSign = RpcSignatureComposer.getComposer()
			.composeStringToSign(MethodType.valueOf(method), null, SDK_SIGNER, new HashMap<>(params), null, null);
		// the SDK's RpcAcsRequest keys HMAC-SHA1 with the secret followed by '&'
		String sdkSignature = SDK_SIGNER.signString(sdkStringToSign, "testsecret&");

		assertThat(sdkSignature).as("the vendor SDK's signature of the vector").isEqualTo(documented);
		assertThat(SignatureV1.stringToSign(method, params)).isEqualTo(sdkStringToSign);
		assertThat(SignatureV1.sign(method, params, "testsecret")).isEqualTo(sdkSignature);
	}

	@Test
	void matchesDocumentedGetVectorWithLegacyTimeStampName() {
		Map<String, String> params = documentedParams("TimeStamp");

		assertThat(SignatureV1.stringToSign("GET", params)).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action"
				+ "%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce"
				+ "%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp"
				+ "%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
		assertThat(SignatureV1.sign("GET", params, "testsecret")).isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
	}

	@Test
	void matchesStopLiveMpuTaskPostVector() {
		Map<String, String> params = stopParams("StopLiveMPUTask");

		assertThat(SignatureV1.stringToSign("POST", params)).isEqualTo("POST&%2F&AccessKeyId%3Dtestid%26Action"
				+ "%3DStopLiveMPUTask%26AppId%3Dapp1%26Format%3DJSON%26RegionId%3Dcn-shanghai%26SignatureMethod"
				+ "%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
				+ "%26TaskId%3Dtask-1%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2016-11-01");
		assertThat(SignatureV1.sign("POST", params, "testsecret")).isEqualTo("QMPbbRonHeOzRz5vrLKjX/zm+lY=");
	}

	@Test
	void ignoresSignatureParameterItself() {
		Map<String, String> params = stopParams("StopLiveMPUTask");
		params.put("Signature", "anything");

		assertThat(SignatureV1.sign("POST", params, "testsecret")).isEqualTo("QMPbbRonHeOzRz5vrLKjX/zm+lY=");
	}

	@Test
	void signatureDependsOnHttpMethodAndSecret() {
		Map<String, String> params = stopParams("StopLiveMPUTask");

		assertThat(SignatureV1.sign("GET", params, "testsecret")).isNotEqualTo("QMPbbRonHeOzRz5vrLKjX/zm+lY=");
		assertThat(SignatureV1.sign("POST", params, "other")).isNotEqualTo("QMPbbRonHeOzRz5vrLKjX/zm+lY=");
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "a b|a%20b", "*|%2A", "~|~", "+|%2B", "=|%3D", "&|%26",
			"/|%2F", ":|%3A", "-_.|-_.", "AZaz09|AZaz09", "é|%C3%A9", "中|%E4%B8%AD", "%|%25" })
	void percentEncodesPerRfc3986(String raw, String encoded) {
		assertThat(SignatureV1.percentEncode(raw)).isEqualTo(encoded);
	}

	@Test
	void sortsByEncodedNameAndEncodesEmptyValues() {
		Map<String, String> params = new HashMap<>();
		params.put("b", "");
		params.put("a_b", "1");
		params.put("a.b", "2");

		// '.' (0x2E) sorts before '_' (0x5F) in byte order
		assertThat(SignatureV1.stringToSign("POST", params)).isEqualTo("POST&%2F&a.b%3D2%26a_b%3D1%26b%3D");
	}

}
