package io.streamrelay.upstream.aliyun;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.github.tomakehurst.wiremock.http.Fault;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.streamrelay.upstream.aliyun.WireMockVendor.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AliyunLiveRelayGatewayErrorTest {

	private static final String LEAKY_URL = "rtmp://push.example.com/live/s?auth_key=1-0-0-secret";

	private final WireMockVendor vendor = new WireMockVendor(Duration.ofMillis(300));

	@AfterEach
	void stopVendor() {
		this.vendor.close();
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "400, Throttling.User, Throttled, true", "400, Throttling, Throttled, true",
			"503, ServiceUnavailable, BadResponse, false", "500, InternalError, BadResponse, false",
			"400, InvalidParam, Rejected, true", "404, MissingParam, Rejected, true",
			"400, MissingParam, Rejected, true", "400, InvalidAppId, Rejected, true",
			"400, QuotaExceeded, Rejected, true", "400, SomethingNew, Rejected, true",
			"403, Forbidden, AuthFailed, true", "403, Forbidden.RAM, AuthFailed, true",
			"403, OperationDenied, AuthFailed, true", "404, InvalidAccessKeyId.NotFound, AuthFailed, true",
			"400, SignatureDoesNotMatch, AuthFailed, true", "400, IncompleteSignature, AuthFailed, true",
			"400, InvalidTimeStamp.Expired, AuthFailed, true", "400, SignatureNonceUsed, AuthFailed, true" })
	void mapsVendorErrorCodes(int status, String code, String failure, boolean outcomeKnown) {
		this.vendor.server.stubFor(action("StopLiveMPUTask").willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"RequestId\":\"req-err\",\"HostId\":\"live.aliyuncs.com\",\"Code\":\"" + code
					+ "\",\"Message\":\"the message\",\"Recommend\":\"https://api.aliyun.com/troubleshoot\"}")));

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown.getClass().getSimpleName()).isEqualTo(failure);
		assertThat(thrown.code()).isEqualTo(code);
		assertThat(thrown.requestId()).isEqualTo("req-err");
		assertThat(thrown.outcomeKnown()).isEqualTo(outcomeKnown);
		assertThat(thrown.getMessage()).isEqualTo("the message");
		if (thrown instanceof UpstreamFailure.Rejected rejected) {
			assertThat(rejected.httpStatus()).isEqualTo(status);
		}
	}

	@Test
	void reportsHtmlErrorPageAsBadResponse() {
		this.vendor.server.stubFor(action("StopLiveMPUTask").willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>502 Bad Gateway</body></html>")));

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(thrown.code()).isEqualTo(VendorErrors.UNREADABLE);
		assertThat(thrown.requestId()).isNull();
		assertThat(thrown.outcomeKnown()).isFalse();
		assertThat(thrown.getMessage()).contains("502").doesNotContain("html");
	}

	@Test
	void reportsJsonErrorWithoutCodeAsBadResponse() {
		this.vendor.server.stubFor(action("StopLiveMPUTask").willReturn(
				aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"oops\":1}")));

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(thrown.code()).isEqualTo(VendorErrors.UNREADABLE);
		assertThat(thrown.outcomeKnown()).isFalse();
	}

	@Test
	void reportsSuccessWithGarbageBodyAsBadResponse() {
		this.vendor.answer("StopLiveMPUTask", "this is not json {");

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(thrown.code()).isEqualTo(VendorErrors.UNREADABLE);
		assertThat(thrown.outcomeKnown()).isFalse();
		assertThat(thrown.reachedVendor()).isTrue();
	}

	@Test
	void reportsDelayBeyondReadTimeoutAsTimedOut() {
		this.vendor.server.stubFor(action("StopLiveMPUTask").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"RequestId\":\"late\"}")
			.withFixedDelay(1500)));

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown).isInstanceOf(UpstreamFailure.TimedOut.class);
		assertThat(thrown.code()).isEqualTo("SDK.ReadTimeout");
		assertThat(thrown.outcomeKnown()).isFalse();
	}

	/**
	 * Each fault happens after the request was sent, so the vendor may have acted:
	 * outcome unknown.
	 */
	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
			"RANDOM_DATA_THEN_CLOSE" })
	void reportsBrokenConnectionAfterSendingAsOutcomeUnknown(Fault fault) {
		this.vendor.server.stubFor(action("StopLiveMPUTask").willReturn(aResponse().withFault(fault)));

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown).isInstanceOf(UpstreamFailure.BadResponse.class);
		assertThat(thrown.outcomeKnown()).isFalse();
		assertThat(thrown.getMessage()).doesNotContain("127.0.0.1").doesNotContain("Signature");
	}

	@Test
	void reportsRefusedConnectionAsUnreachable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", "id", "secret"));
		try {
			AliyunLiveRelayGateway gateway = new AliyunLiveRelayGateway(client, CallSettings
				.fixed("127.0.0.1:" + closedPort, ProtocolType.HTTP, Duration.ofSeconds(1), Duration.ofSeconds(1)));

			UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class, () -> gateway.stop("app1", "task-1"));

			assertThat(thrown).isInstanceOf(UpstreamFailure.Unreachable.class);
			assertThat(thrown.code()).isEqualTo("SDK.ServerUnreachable");
			assertThat(thrown.outcomeKnown()).isTrue();
			assertThat(thrown.reachedVendor()).isFalse();
			assertThat(thrown.getMessage()).doesNotContain("127.0.0.1");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void keepsStreamKeysAndSignaturesOutOfFailureMessages() {
		this.vendor.server.stubFor(action("StartLiveMPUTask").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"RequestId\":\"req-leak\",\"Code\":\"InvalidParam\",\"Message\":\"StreamURL " + LEAKY_URL
					+ " is already used by another task\"}")));
		RelaySpec spec = new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null,
				List.of(LEAKY_URL), null, null, null);

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.start("app1", "task-1", spec));

		assertThat(thrown).isInstanceOf(UpstreamFailure.Rejected.class);
		assertThat(thrown.getMessage()).doesNotContain("auth_key=1-0-0")
			.doesNotContain("secret")
			.doesNotContain("push.example.com")
			.contains("is already used by another task");
	}

	@Test
	void dropsTheEchoedStringToSignFromSignatureErrors() {
		this.vendor.server.stubFor(action("StopLiveMPUTask").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"RequestId\":\"r\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is"
					+ " not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dtestid"
					+ "%26StreamURL%3Drtmp%253A%252F%252Fpush%26auth_key%253D1-0-0-secret\"}")));

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> this.vendor.gateway.stop("app1", "task-1"));

		assertThat(thrown).isInstanceOf(UpstreamFailure.AuthFailed.class);
		assertThat(thrown.getMessage()).isEqualTo("Specified signature is not matched with our calculation.");
	}

}
