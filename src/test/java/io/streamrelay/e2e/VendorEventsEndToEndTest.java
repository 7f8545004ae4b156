package io.streamrelay.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.streamrelay.emulator.EmulatedSubscriptions;
import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.relaytask.scheduling.ReconcilerJob;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Vendor events end to end over real HTTP: the service subscribes at the emulator, the
 * emulator POSTs real callbacks to the service, the reconciler reads the emulator's
 * delivery records through the vendor SDK. The scheduled reconciler is off, so whatever
 * settles a task here is a callback, or a reconciler run the test starts itself.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:events-e2e;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false" })
class VendorEventsEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static E2eClient client;

	@LocalServerPort
	int port;

	@Autowired
	EmulatedSubscriptions subscriptions;

	@Autowired
	ReconcilerJob reconcilerJob;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	E2eClient client() {
		if (client == null) {
			client = new E2eClient(this.port);
		}
		return client;
	}

	@AfterAll
	static void closeClient() {
		if (client != null) {
			client.close();
			client = null;
		}
	}

	@BeforeEach
	void subscribed() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.subscriptions.callbackUrl("demo-app").isPresent());
	}

	@AfterEach
	void noFaultsLeft() {
		assertThat(client().send("DELETE", "/emulator/callbacks/faults", null, null).status()).isEqualTo(204);
	}

	@Test
	void aRelayTheVendorEndsIsStoppedWithinFiveSecondsWithoutAReconcilerRun() {
		String taskId = start("vanish-room");
		long runsBefore = this.reconcilerJob.runs();
		awaitDelivered(taskId, 1);
		assertThat(client().post("/emulator/tasks/demo-app/" + taskId + "/vanish", "{}").status()).isEqualTo(204);

		await().atMost(Duration.ofSeconds(5)).until(() -> state(taskId).equals("stopped"));
		assertThat(this.reconcilerJob.runs()).isEqualTo(runsBefore);
		assertThat(eventEntries(taskId)).contains("event:observed:Event1.2:stopped");
	}

	@Test
	void aDroppedCallbackIsAppliedByTheNextReconcilerRunFromTheEventRecords() {
		String taskId = start("dropped-room");
		awaitDelivered(taskId, 1);
		fault("{'mode':'drop'}");
		assertThat(client().post("/emulator/tasks/demo-app/" + taskId + "/vanish", "{}").status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(taskId).contains("504"));
		assertThat(state(taskId)).isEqualTo("active");

		this.reconcilerJob.runOnce();

		assertThat(state(taskId)).isEqualTo("stopped");
		assertThat(eventEntries(taskId)).contains("event:observed:Event1.2:stopped");
	}

	@Test
	void duplicatedDeliveriesChangeNothingTwice() {
		fault("{'mode':'duplicate','times':2}");
		String taskId = start("duplicate-room");
		awaitDelivered(taskId, 2);
		assertThat(client().post("/emulator/tasks/demo-app/" + taskId + "/vanish", "{}").status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(taskId).size() == 4);
		await().atMost(Duration.ofSeconds(5)).until(() -> state(taskId).equals("stopped"));
		this.reconcilerJob.runOnce();

		List<String> entries = eventEntries(taskId);
		assertThat(entries.stream().filter((e) -> e.startsWith("event:")).toList())
			.containsExactly("event:observed:Event1.2:stopped");
		assertThat(client().get("/v1/apps/demo-app/vendor-events?status=applied&limit=500").body()).contains(taskId);
	}

	@Test
	void aStaleEndOfTheEarlierRunDeliveredAfterARestartDoesNotStopTheNewRun() {
		String taskId = start("restart-room");
		awaitDelivered(taskId, 1);
		// the end of run 1 is held back until the next delivery, the start of run 2
		fault("{'mode':'reorder'}");
		assertThat(client().delete(TASKS + "/" + taskId).status()).isEqualTo(200);
		assertThat(start("restart-room")).isEqualTo(taskId);
		await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(taskId).size() == 3);
		this.reconcilerJob.runOnce();

		assertThat(state(taskId)).isEqualTo("active");
		assertThat(eventEntries(taskId)).anyMatch((e) -> e.startsWith("event:observed:Event1.2:active"));
		assertThat(details(taskId)).anyMatch((d) -> d.startsWith("stale end"));
	}

	@Test
	void theReceiverRefusesABadTokenAndBadBodiesAndKeepsUnknownTasksAsUnmatched() {
		String url = this.subscriptions.callbackUrl("demo-app").orElseThrow();
		String path = URI.create(url).getPath();
		String token = path.substring(path.lastIndexOf('/') + 1);
		TestHttp anonymous = new TestHttp(this.port, null);

		TestHttp.Reply wrongToken = anonymous.send("POST", "/callbacks/aliyun/mpu/demo-app/not-the-token-000000000000",
				body("m-1", "no-such-task"), Map.of("Content-Type", "application/json"));
		assertThat(wrongToken.status()).isEqualTo(401);
		assertThat(wrongToken.contentType()).startsWith("application/problem+json");
		assertThat(wrongToken.body()).doesNotContain("not-the-token");

		TestHttp.Reply malformed = anonymous.send("POST", path, "{\"MsgId\":\"m-2\"",
				Map.of("Content-Type", "application/json"));
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
		assertThat(malformed.body()).doesNotContain(token);

		TestHttp.Reply noPayload = anonymous.send("POST", path,
				"{\"MsgId\":\"m-3\",\"AppId\":\"demo-app\",\"EventType\":1}",
				Map.of("Content-Type", "application/json"));
		assertThat(noPayload.status()).isEqualTo(400);
		assertThat(noPayload.body()).contains("\"field\":\"Payload\"");

		String unknown = body("m-unknown-" + System.nanoTime(), "no-such-task");
		TestHttp.Reply first = anonymous.send("POST", path, unknown, Map.of("Content-Type", "application/json"));
		TestHttp.Reply again = anonymous.send("POST", path, unknown, Map.of("Content-Type", "application/json"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("duplicate");
		assertThat(this.meters.counter("streamrelay.events.duplicates", "app", "demo-app", "type", "ended").count())
			.isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> client().get("/v1/apps/demo-app/vendor-events?status=unmatched")
				.body()
				.contains("no-such-task"));
	}

	private static String body(String msgId, String taskId) {
		return "{\"EventType\":1,\"MsgId\":\"" + msgId + "\",\"AppId\":\"demo-app\",\"TaskId\":\"" + taskId
				+ "\",\"CallbackTs\":1712656430476,\"Payload\":{\"DstUrl\":\"rtmp://push.example.com/live/s\","
				+ "\"EventTs\":1712656430384,\"EventCode\":2,\"ErrorCode\":0,\"ErrorMessage\":\"\"}}";
	}

	private String start(String channelId) {
		E2eClient.Reply started = client().post(TASKS,
				"{'channelId':'" + channelId + "','mode':'single','single':{'userId':'host'}}");
		assertThat(started.status()).as(started.body()).isIn(200, 201);
		String taskId = started.json().get("taskId").asString();
		assertThat(taskId).isEqualTo(MpuTaskIds.of("demo-app", channelId, "host"));
		return taskId;
	}

	private void fault(String json) {
		assertThat(client().post("/emulator/callbacks/faults", json).status()).isEqualTo(201);
	}

	private void awaitDelivered(String taskId, int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(taskId).size() >= count);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(client().get("/v1/apps/demo-app/vendor-events?status=applied&limit=500").body())
						.contains(taskId));
	}

	/** The HTTP codes of the emulator's deliveries for the task, oldest first. */
	private List<String> deliveries(String taskId) {
		List<String> codes = new ArrayList<>();
		client().get("/emulator/callbacks/deliveries?appId=demo-app").json().get("items").forEach((item) -> {
			if (item.get("data").get("TaskId").asString().equals(taskId)) {
				codes.add(item.get("httpCode").asString());
			}
		});
		return codes;
	}

	private String state(String taskId) {
		return client().get(TASKS + "/" + taskId).json().get("state").asString();
	}

	private List<String> eventEntries(String taskId) {
		List<String> entries = new ArrayList<>();
		history(taskId).forEach((e) -> entries.add(e.get("action").asString() + ":" + e.get("outcome").asString() + ":"
				+ (e.has("errorCode") ? e.get("errorCode").asString() : "") + ":"
				+ (e.has("state") ? e.get("state").asString() : "")));
		return entries;
	}

	private List<String> details(String taskId) {
		List<String> details = new ArrayList<>();
		history(taskId).forEach((e) -> details.add(e.has("detail") ? e.get("detail").asString() : ""));
		return details;
	}

	private JsonNode history(String taskId) {
		return client().get(TASKS + "/" + taskId + "/events?limit=100").json().get("items");
	}

}
