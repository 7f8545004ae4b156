package io.streamrelay.e2e;

import java.util.ArrayList;
import java.util.List;

import io.streamrelay.emulator.EmulatedTask;
import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.mputaskid.MpuTaskIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service over real HTTP, on H2, with the real vendor SDK adapter talking to
 * the emulator on the same port: what ListRtcMPUTaskDetail reports must be exactly what
 * we sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1", "streamrelay.emulator.stream-url-cooldown=0s" })
class RelayLifecycleEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static E2eClient client;

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@BeforeAll
	static void noClientYet() {
		client = null;
	}

	@AfterAll
	static void closeClient() {
		if (client != null) {
			client.close();
		}
	}

	E2eClient client() {
		if (client == null) {
			client = new E2eClient(this.port);
		}
		return client;
	}

	@Test
	void startsSingleSwitchesToMixedAndBackThenStopsWithTheVendorSeeingExactlyOurParameters() throws Exception {
		String taskId = MpuTaskIds.of("demo-app", "e2e-room", "host");
		E2eClient.Reply started = client().post(TASKS, "{'channelId':'e2e-room','mode':'single',"
				+ "'single':{'userId':'host','streamType':'audio_video'},'maxIdleSeconds':30,'region':'CN-Shanghai'}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.location()).isEqualTo(TASKS + "/" + taskId);
		assertThat(started.json().get("state").asString()).isEqualTo("active");

		JsonNode single = vendorTask(taskId);
		assertThat(single.get("MixMode").asString()).isEqualTo("0");
		assertThat(single.get("ChannelId").asString()).isEqualTo("e2e-room");
		assertThat(single.get("StreamURL").asString())
			.isEqualTo("rtmp://push.example.com/live/demo-app_e2e-room_host_camera");
		assertThat(single.get("MaxIdleTime").asString()).isEqualTo("30");
		assertThat(single.get("Region").asString()).isEqualTo("CN-Shanghai");
		assertThat(single.get("SingleSubParams"))
			.isEqualTo(E2eClient.JSON.readTree("{\"UserId\":\"host\",\"StreamType\":\"0\",\"SourceType\":\"camera\"}"));
		assertThat(single.get("SeiParams").get("LayoutVolume"))
			.isEqualTo(E2eClient.JSON.readTree("{\"Interval\":\"2000\",\"FollowIdr\":\"1\"}"));
		assertThat(single.has("TranscodeParams")).isFalse();

		E2eClient.Reply mixed = client().patch(TASKS + "/" + taskId, "{'mode':'mixed','mixed':{"
				+ "'users':[{'userId':'host'},{'userId':'guest','streamType':'video','sourceType':'screen'}],"
				+ "'layout':{'panes':[{'x':0,'y':0,'width':0.5,'height':1,'zOrder':1,'userId':'host'},"
				+ "{'x':0.5,'y':0.25,'width':0.5,'height':0.5,'renderMode':'fit','userId':'guest','sourceType':'screen'}]},"
				+ "'background':{'url':'https://img.example.com/bg.png?a=1&b=2'},"
				+ "'encode':{'audioBitrate':64,'audioChannels':1,'audioSampleRate':48000,'videoCodec':'H.264',"
				+ "'videoBitrate':1500,'videoFramerate':30,'videoGop':60,'videoWidth':1280,'videoHeight':720,'profile':'high','preset':'veryfast'}}}");
		assertThat(mixed.status()).as(mixed.body()).isEqualTo(200);
		assertThat(mixed.json().get("mode").asString()).isEqualTo("mixed");

		JsonNode mix = vendorTask(taskId);
		assertThat(mix.get("MixMode").asString()).isEqualTo("1");
		assertThat(mix.get("StreamURL").asString())
			.isEqualTo("rtmp://push.example.com/live/demo-app_e2e-room_host_camera");
		assertThat(mix.has("SingleSubParams")).isFalse();
		JsonNode transcode = mix.get("TranscodeParams");
		assertThat(transcode.get("UserInfos"))
			.isEqualTo(E2eClient.JSON.readTree("[{\"UserId\":\"host\",\"StreamType\":\"0\","
					+ "\"SourceType\":\"camera\"},{\"UserId\":\"guest\",\"StreamType\":\"2\",\"SourceType\":\"shareScreen\"}]"));
		JsonNode panes = transcode.get("Layout").get("UserPanes");
		assertThat(panes).hasSize(2);
		assertThat(panes.get(0).get("X").asString()).isEqualTo("0");
		assertThat(panes.get(0).get("Width").asString()).isEqualTo("0.5");
		assertThat(panes.get(0).get("ZOrder").asString()).isEqualTo("1");
		assertThat(panes.get(0).get("RenderMode").asString()).isEqualTo("1");
		assertThat(panes.get(0).get("UserInfo").get("UserId").asString()).isEqualTo("host");
		assertThat(panes.get(1).get("Y").asString()).isEqualTo("0.25");
		assertThat(panes.get(1).get("RenderMode").asString()).isEqualTo("0");
		assertThat(panes.get(1).get("UserInfo").get("SourceType").asString()).isEqualTo("shareScreen");
		assertThat(transcode.get("Background").get("URL").asString())
			.isEqualTo("https://img.example.com/bg.png?a=1&b=2");
		JsonNode encode = transcode.get("EncodeParams");
		assertThat(encode.get("AudioOnly").asString()).isEqualTo("false");
		assertThat(encode.get("AudioSampleRate").asString()).isEqualTo("48000");
		assertThat(encode.get("VideoWidth").asString()).isEqualTo("1280");
		assertThat(encode.get("VideoHeight").asString()).isEqualTo("720");
		assertThat(encode.get("VideoGop").asString()).isEqualTo("60");
		assertThat(E2eClient.JSON.readTree(encode.get("EnhancedParam").asString()))
			.isEqualTo(E2eClient.JSON.readTree("{\"profile\":\"high\",\"preset\":\"veryfast\"}"));
		assertThat(mix.get("SeiParams").get("LayoutVolume").get("Interval").asString()).isEqualTo("2000");

		E2eClient.Reply back = client().patch(TASKS + "/" + taskId,
				"{'mode':'single','single':{'userId':'host','streamType':'audio'}}");
		assertThat(back.status()).as(back.body()).isEqualTo(200);
		JsonNode singleAgain = vendorTask(taskId);
		assertThat(singleAgain.get("MixMode").asString()).isEqualTo("0");
		assertThat(singleAgain.has("TranscodeParams")).isFalse();
		assertThat(singleAgain.get("SingleSubParams").get("StreamType").asString()).isEqualTo("1");
		assertThat(singleAgain.get("StreamURL").asString()).isEqualTo(single.get("StreamURL").asString());

		E2eClient.Reply stopped = client().delete(TASKS + "/" + taskId);
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.json().get("state").asString()).isEqualTo("stopped");
		assertThat(client().listRtcMpuTaskDetail("demo-app", taskId).get("MPUTasks")).isEmpty();
		assertThat(client().delete(TASKS + "/" + taskId).status()).isEqualTo(200);

		JsonNode events = client().get(TASKS + "/" + taskId + "/events").json().get("items");
		List<String> actions = new ArrayList<>();
		events.forEach((e) -> actions.add(e.get("action").asString() + ":" + e.get("outcome").asString()));
		assertThat(actions).containsExactly("start:succeeded", "update:succeeded", "update:succeeded", "stop:succeeded",
				"stop:no_call");
		events.forEach((e) -> {
			if (e.get("outcome").asString().equals("succeeded")) {
				assertThat(e.get("upstreamRequestId").asString()).isNotBlank();
			}
		});
	}

	private JsonNode vendorTask(String taskId) throws Exception {
		JsonNode tasks = client().listRtcMpuTaskDetail("demo-app", taskId).get("MPUTasks");
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	@Test
	void vendorOnlyRulesComeBackAsTheirOwnProblemAndTheTaskIsRecordedFailed() throws Exception {
		// another backend's relay pushes to the destination: no task of ours uses it, so
		// only the vendor knows (a task of ours would be refused locally:
		// DestinationConflictEndToEndTest)
		String destination = "rtmp://push.example.com/live/shared-stream";
		client().startLiveMpuTaskElsewhere("demo-app", "clash", "clash-elsewhere", destination);
		E2eClient.Reply second = client().post(TASKS, "{'taskId':'clash-b','channelId':'clash','mode':'single',"
				+ "'single':{'userId':'b'},'destinations':['" + destination + "']}");
		assertThat(second.status()).as(second.body()).isEqualTo(422);
		assertThat(second.contentType()).startsWith("application/problem+json");
		JsonNode problem = second.json();
		assertThat(problem.get("type").asString()).isEqualTo("https://streamrelay.io/problems/upstream-rejected");
		assertThat(problem.get("upstreamCode").asString()).isEqualTo("InvalidParam");
		assertThat(problem.get("upstreamRequestId").asString()).isNotBlank();
		assertThat(client().get(TASKS + "/clash-b").json().get("state").asString()).isEqualTo("failed");
		assertThat(this.emulator.task("demo-app", "clash-b")).isEmpty();
		assertThat(this.emulator.vanish("demo-app", "clash-elsewhere")).isTrue();
	}

	@Test
	void adoptsARelayAClientSdkStartedThenUpdatesAndStopsIt() throws Exception {
		E2eClient.Reply sdkRelay = client().post("/emulator/sdk-relays",
				"{'appId':'demo-app','channelId':'sdk-room','userId':'anchor'}");
		assertThat(sdkRelay.status()).as(sdkRelay.body()).isEqualTo(201);
		String taskId = client().get("/v1/apps/demo-app/mpu-task-ids?channelId=sdk-room&userId=anchor")
			.json()
			.get("mpuTaskId")
			.asString();
		assertThat(this.emulator.task("demo-app", taskId)).get().extracting(EmulatedTask::running).isEqualTo(true);

		E2eClient.Reply adopted = client().post(TASKS + "/adoptions",
				"{'channelId':'sdk-room','mode':'single','single':{'userId':'anchor'}}");
		assertThat(adopted.status()).as(adopted.body()).isEqualTo(201);
		assertThat(adopted.json().get("taskId").asString()).isEqualTo(taskId);
		assertThat(adopted.json().get("origin").asString()).isEqualTo("adopted");

		E2eClient.Reply mixed = client()
			.patch(TASKS + "/" + taskId, "{'mode':'mixed','mixed':{'users':[{'userId':'anchor'},"
					+ "{'userId':'guest'}],'layout':{'panes':[{'x':0,'y':0,'width':1,'height':1,'userId':'anchor'}]}}}");
		assertThat(mixed.status()).as(mixed.body()).isEqualTo(200);
		assertThat(this.emulator.task("demo-app", taskId)).get().extracting(EmulatedTask::mixed).isEqualTo(true);

		assertThat(client().delete(TASKS + "/" + taskId).status()).isEqualTo(200);
		assertThat(this.emulator.task("demo-app", taskId)).get().extracting(EmulatedTask::running).isEqualTo(false);
	}

	@Test
	void stopsAnAdoptedRelayThatTheVendorAlreadyEndedAndCanAdoptItAgain() throws Exception {
		assertThat(
				client().post("/emulator/sdk-relays", "{'appId':'demo-app','channelId':'gone-room','userId':'anchor'}")
					.status())
			.isEqualTo(201);
		String taskId = MpuTaskIds.of("demo-app", "gone-room", "anchor");
		assertThat(client()
			.post(TASKS + "/adoptions", "{'channelId':'gone-room','mode':'single','single':{'userId':'anchor'}}")
			.status()).isEqualTo(201);
		// everybody left: the vendor ended the relay by itself; its end event races the
		// DELETE, which answers the stopped task whichever writes first
		assertThat(this.emulator.vanish("demo-app", taskId)).isTrue();
		E2eClient.Reply stopped = client().delete(TASKS + "/" + taskId);
		assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
		assertThat(stopped.json().get("state").asString()).isEqualTo("stopped");
		assertThat(
				client().post("/emulator/sdk-relays", "{'appId':'demo-app','channelId':'gone-room','userId':'anchor'}")
					.status())
			.isEqualTo(201);
		assertThat(client()
			.post(TASKS + "/adoptions", "{'channelId':'gone-room','mode':'single','single':{'userId':'anchor'}}")
			.status()).isEqualTo(201);
	}

	@Test
	void brokenRequestsOverRealHttpAreProblemsNever5xx() throws Exception {
		List<E2eClient.Reply> replies = List.of(client().send("POST", TASKS, "application/json", "{"),
				client().send("POST", TASKS, "application/json", "null"),
				client().send("POST", TASKS, "application/json", "{\"channelId\":\"\\u0000\",\"mode\":\"single\"}"),
				client().send("POST", TASKS, "application/xml", "<a/>"),
				client().send("PATCH", TASKS + "/nope", "application/merge-patch+json", "{}"),
				client().send("PATCH", TASKS + "/x", "text/plain", "hi"),
				client().send("GET", TASKS + "?pageSize=-1", null, null),
				client().send("GET", "/v1/apps/demo-app/mpu-task-ids?channelId=a", null, null),
				client().send("GET", "/v1/apps/b%20ad/relay-tasks", null, null),
				client().send("DELETE", TASKS, null, null), client().send("GET", TASKS + "/a%2Fb", null, null),
				client().send("GET", "/v1/apps/demo-app;x=1/relay-tasks", null, null),
				client().send("GET", "/v1/apps/demo-app/relay-tasks/%2e%2e/x", null, null),
				client().send("GET", "/v1/apps/demo-app//relay-tasks", null, null));
		for (E2eClient.Reply reply : replies) {
			assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
			assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
		}
	}

}
