package io.streamrelay.client;

import java.util.List;

import io.streamrelay.client.api.MpuTaskIdsApi;
import io.streamrelay.client.api.RelayTasksApi;
import io.streamrelay.client.model.LayoutPatch;
import io.streamrelay.client.model.MixedPatch;
import io.streamrelay.client.model.PanePatch;
import io.streamrelay.client.model.Problem;
import io.streamrelay.client.model.RelaySpecBody;
import io.streamrelay.client.model.RelaySpecBodyPatch;
import io.streamrelay.client.model.RelayTaskResponse;
import io.streamrelay.client.model.Single;
import io.streamrelay.client.model.SinglePatch;
import io.streamrelay.client.model.UserPatch;
import io.streamrelay.security.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README's walkthrough driven by a Java client that openapi-generator generated from
 * docs/openapi.json at build time (package io.streamrelay.client,
 * target/generated-test-sources): the contract alone is enough to integrate. The
 * generated client ignores members it does not know, so fields and routes added later do
 * not break it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:client;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false" })
class GeneratedClientWalkthroughTest {

	static final String APP = "demo-app";

	@LocalServerPort
	int port;

	ApiClient client() {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://127.0.0.1:" + this.port);
		client.setRequestInterceptor((request) -> request.header("Authorization", TestKeys.BEARER_DEVELOPMENT));
		return client;
	}

	@Test
	void startsUpdatesListsAndStopsARelayWithTheGeneratedClient() throws Exception {
		RelayTasksApi tasks = new RelayTasksApi(client());
		String taskId = new MpuTaskIdsApi(client()).mpuTaskId(APP, "client-room", "alice", null).getMpuTaskId();

		ApiResponse<RelayTaskResponse> started = tasks.startWithHttpInfo(APP,
				new RelaySpecBody().channelId("client-room")
					.mode(RelaySpecBody.ModeEnum.SINGLE)
					.single(new Single().userId("alice")),
				"client-start-1", "client-walkthrough");
		assertThat(started.getStatusCode()).isEqualTo(201);
		assertThat(started.getHeaders()).containsKeys("location", "etag");
		assertThat(started.getHeaders().get("x-request-id")).containsExactly("client-walkthrough");
		assertThat(started.getData().getTaskId()).isEqualTo(taskId);
		assertThat(started.getData().getState()).isEqualTo("active");
		assertThat(started.getData().getDestinations())
			.containsExactly("rtmp://push.example.com/live/demo-app_client-room_alice_camera");

		RelayTaskResponse mixed = tasks.update(APP, taskId,
				new RelaySpecBodyPatch().mode(RelaySpecBodyPatch.ModeEnum.MIXED)
					.mixed(new MixedPatch()
						.users(List.of(new UserPatch().userId("alice"), new UserPatch().userId("bob")))
						.layout(new LayoutPatch().panes(List.of(pane(0, "alice"), pane(0.5, "bob"))))),
				null, null, null);
		assertThat(mixed.getMode()).isEqualTo("mixed");
		assertThat(mixed.getSpec().getMixed().getUsers()).hasSize(2);

		String etag = tasks.getWithHttpInfo(APP, taskId, null).getHeaders().get("etag").get(0);
		RelayTaskResponse single = tasks.update(APP, taskId,
				new RelaySpecBodyPatch().mode(RelaySpecBodyPatch.ModeEnum.SINGLE)
					.single(new SinglePatch().userId("alice").streamType(SinglePatch.StreamTypeEnum.AUDIO)),
				etag, null, null);
		assertThat(single.getMode()).isEqualTo("single");
		assertThat(single.getSpec().getSingle().getStreamType()).isEqualTo(Single.StreamTypeEnum.AUDIO);

		assertThat(tasks.callList(APP, "client-room", "active", 10, null, null).getItems())
			.extracting(RelayTaskResponse::getTaskId)
			.containsExactly(taskId);
		assertThat(tasks.events(APP, taskId, null, null, null).getItems()).hasSizeGreaterThanOrEqualTo(3);

		RelayTaskResponse stopped = tasks.stop(APP, taskId, null, null, null);
		assertThat(stopped.getState()).isEqualTo("stopped");
	}

	@Test
	void aRefusalArrivesAsTheDocumentedProblem() {
		RelayTasksApi tasks = new RelayTasksApi(client());

		ApiException refused = catchThrowableOfType(ApiException.class,
				() -> tasks.start(APP,
						new RelaySpecBody().channelId("room 2")
							.mode(RelaySpecBody.ModeEnum.SINGLE)
							.single(new Single().userId("alice")),
						null, "client-refusal"));

		assertThat(refused.getCode()).isEqualTo(400);
		Problem problem = JSON.getDefault().getMapper().convertValue(parse(refused.getResponseBody()), Problem.class);
		assertThat(problem.getRequestId()).isEqualTo("client-refusal");
		assertThat(problem.getErrors()).anySatisfy((error) -> assertThat(error.getField()).isEqualTo("channelId"));
	}

	private static Object parse(String body) {
		try {
			return JSON.getDefault().getMapper().readTree(body);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static PanePatch pane(double x, String userId) {
		return new PanePatch().x(x).y(0.0).width(0.5).height(1.0).userId(userId);
	}

}
