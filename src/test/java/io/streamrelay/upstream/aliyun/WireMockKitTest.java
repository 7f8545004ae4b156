package io.streamrelay.upstream.aliyun;

import java.time.Duration;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.policy.retry.RetryPolicy;
import com.aliyuncs.profile.DefaultProfile;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.streamrelay.relaytask.usecase.CoreFixtures;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The WireMock kit users' CI runs (wiremock/, loaded as WireMock standalone loads it)
 * answers the real SDK as the vendor does: success in the vendor's shape, each documented
 * error selected by the channel id.
 */
class WireMockKitTest {

	final WireMockServer server = new WireMockServer(
			options().dynamicPort().bindAddress("127.0.0.1").usingFilesUnderDirectory("wiremock"));

	AliyunLiveRelayGateway gateway() {
		this.server.start();
		DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", "id", "secret"));
		client.setSysRetryPolicy(RetryPolicy.none());
		return new AliyunLiveRelayGateway(client, CallSettings.fixed("127.0.0.1:" + this.server.port(),
				ProtocolType.HTTP, Duration.ofSeconds(2), Duration.ofSeconds(5)));
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void answersStartUpdateStopAndListInTheVendorsShape() {
		AliyunLiveRelayGateway gateway = gateway();

		assertThat(gateway.start("app1", "task-1", CoreFixtures.single("room", "alice")).requestId())
			.matches("[0-9A-F-]{36}");
		assertThat(gateway.update("app1", "task-1", CoreFixtures.single("room", "bob")).requestId()).isNotBlank();
		assertThat(gateway.describe("app1", "task-1")).hasValueSatisfying((view) -> {
			assertThat(view.taskId()).isEqualTo("task-1");
			assertThat(view.appId()).isEqualTo("app1");
		});
		assertThat(gateway.stop("app1", "task-1").requestId()).isNotBlank();
	}

	@ParameterizedTest
	@CsvSource({ "InvalidParam, Rejected", "InvalidAppId, Rejected", "OperationDenied, AuthFailed",
			"Forbidden.RAM, AuthFailed", "Throttling.User, Throttled", "InternalError, BadResponse",
			"ServiceUnavailable, BadResponse", "InvalidAccessKeyId.NotFound, AuthFailed" })
	void answersEachDocumentedErrorSelectedByTheChannelId(String code, String failure) {
		AliyunLiveRelayGateway gateway = gateway();

		UpstreamFailure thrown = catchThrowableOfType(UpstreamFailure.class,
				() -> gateway.start("app1", "task-1", CoreFixtures.single("wm-error-" + code, "alice")));

		assertThat(thrown.getClass().getSimpleName()).isEqualTo(failure);
		assertThat(thrown.code()).isEqualTo(code);
		assertThat(thrown.requestId()).isNotBlank();
	}

}
