package io.streamrelay.upstream.aliyun;

import java.time.Duration;
import java.util.List;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.policy.retry.RetryPolicy;
import com.aliyuncs.profile.DefaultProfile;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** A WireMock server playing the vendor, plus a gateway pointed at it over HTTP. */
final class WireMockVendor implements AutoCloseable {

	static final String SECRET = "test-secret-do-not-leak";

	final WireMockServer server = new WireMockServer(options().dynamicPort());

	private final DefaultAcsClient client;

	final AliyunLiveRelayGateway gateway;

	WireMockVendor(Duration readTimeout) {
		this.server.start();
		this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-shanghai", "testid", SECRET));
		this.client.setSysRetryPolicy(RetryPolicy.none());
		this.gateway = new AliyunLiveRelayGateway(this.client, CallSettings.fixed("127.0.0.1:" + this.server.port(),
				ProtocolType.HTTP, Duration.ofSeconds(2), readTimeout));
	}

	WireMockVendor() {
		this(Duration.ofSeconds(5));
	}

	static MappingBuilder action(String action) {
		return post(urlPathEqualTo("/")).withQueryParam("Action", equalTo(action));
	}

	void answer(String action, String body) {
		this.server.stubFor(action(action)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
	}

	/** The single request received for an action. */
	LoggedRequest received(String action) {
		List<LoggedRequest> requests = this.server
			.findAll(postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo(action)));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	static String param(LoggedRequest request, String name) {
		return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
	}

	static JsonNode json(LoggedRequest request, String name) {
		String value = param(request, name);
		assertThat(value).as("query parameter %s", name).isNotNull();
		return JsonMapper.shared().readTree(value);
	}

	@Override
	public void close() {
		this.client.shutdown();
		this.server.stop();
	}

}
