package io.streamrelay.e2e;

import io.streamrelay.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaycheck.RelayTargets;
import io.streamrelay.relaytask.relaycheck.RelayCheckRun;
import io.streamrelay.relaytask.relaycheck.RelayChecks;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.vendor.LiveStreamStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CDN check end to end: real DescribeLiveStreamsOnlineList calls through the vendor
 * SDK to the emulator, the real store, the task view over HTTP; time moves only by the
 * test's clock, so the offline grace is crossed without waiting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:relay-check-e2e;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.emulator.events.online-delay=0s",
				"streamrelay.reconciler.enabled=false", "streamrelay.relay-check.enabled=false",
				"streamrelay.apps.demo-app.allowed-destination-hosts[0]=*.youtube.com" })
class RelayCheckEndToEndTest {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	static E2eClient client;

	@LocalServerPort
	int port;

	@Autowired
	RelayTasks tasks;

	@Autowired
	RelayChecks checks;

	@Autowired
	LiveStreamStatus cdn;

	@Autowired
	RelayTargets targets;

	@AfterAll
	static void closeClient() {
		if (client != null) {
			client.close();
			client = null;
		}
	}

	E2eClient client() {
		if (client == null) {
			client = new E2eClient(this.port);
		}
		return client;
	}

	@Test
	void aRelayOfflinePastTheGraceIsReportedAndItsReturnRecorded() {
		MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		RelayCheckRun run = new RelayCheckRun(this.tasks, this.checks, this.cdn, this.targets, () -> {
		}, clock, Duration.ofMinutes(2));
		E2eClient.Reply started = client().post(TASKS,
				"{'channelId':'cdn-room','mode':'single','single':{'userId':'host'}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String taskId = started.json().get("taskId").asString();
		assertThat(started.json().get("relay").get("online").isNull()).isTrue();

		run.run(100);
		JsonNode relay = task(taskId).get("relay");
		assertThat(relay.get("online").asBoolean()).isTrue();
		assertThat(relay.get("checkedAt").asString()).isEqualTo(clock.instant().toString());

		assertThat(client().post("/emulator/tasks/demo-app/" + taskId + "/offline", "{}").status()).isEqualTo(204);
		clock.advance(Duration.ofSeconds(10));
		run.run(100);
		assertThat(task(taskId).get("relay").get("online").asBoolean()).isFalse();
		assertThat(task(taskId).has("lastError")).isFalse();

		clock.advance(Duration.ofMinutes(2));
		run.run(100);
		JsonNode offline = task(taskId);
		assertThat(offline.get("state").asString()).isEqualTo("active");
		assertThat(offline.get("lastError").get("code").asString()).isEqualTo("RelayOffline");
		run.run(100);

		assertThat(client().post("/emulator/tasks/demo-app/" + taskId + "/online", "{}").status()).isEqualTo(204);
		clock.advance(Duration.ofSeconds(30));
		run.run(100);
		JsonNode back = task(taskId);
		assertThat(back.has("lastError")).isFalse();
		assertThat(back.get("relay").get("online").asBoolean()).isTrue();
		assertThat(back.get("relay").get("since").asString()).isEqualTo(clock.instant().toString());
		assertThat(checkEntries(taskId)).containsExactly("check:RelayOffline", "check:");
	}

	@Test
	void aDestinationOffTheAppsIngestDomainIsNotOursToCheck() {
		E2eClient.Reply started = client().post(TASKS,
				"{'taskId':'cdn-elsewhere','channelId':'cdn-room-2','mode':'single',"
						+ "'single':{'userId':'host'},'destinations':['rtmp://a.rtmp.youtube.com/live2/key-1']}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);

		assertThat(started.json().has("relay")).isFalse();
		assertThat(this.targets.apply(this.tasks.find("demo-app", "cdn-elsewhere").orElseThrow()))
			.isEqualTo(Optional.empty());
	}

	private JsonNode task(String taskId) {
		return client().get(TASKS + "/" + taskId).json();
	}

	private List<String> checkEntries(String taskId) {
		List<String> entries = new ArrayList<>();
		client().get(TASKS + "/" + taskId + "/events").json().get("items").forEach((e) -> {
			if (e.get("action").asString().equals("check")) {
				entries.add("check:" + (e.has("errorCode") ? e.get("errorCode").asString() : ""));
			}
		});
		return entries;
	}

}
