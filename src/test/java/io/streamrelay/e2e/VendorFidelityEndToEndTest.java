package io.streamrelay.e2e;

import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor-fidelity points of docs/aliyun-mpu-api.md §9 over real HTTP, through the
 * real SDK to the emulator: a channel nobody joined is a clear 422, mixing every user and
 * audio-only mixing are expressible, PayloadType 5 is never sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-fidelity;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false",
				"streamrelay.emulator.require-joined-channels=true" })
class VendorFidelityEndToEndTest extends EmulatorBackedEndToEnd {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	// §2.9 / §9: the most common real start refusal
	@Test
	void aStartInAChannelNobodyJoinedIs422WithTheVendorsCodeAndRetryAdvice() {
		Reply refused = http().send("POST", TASKS,
				"{\"channelId\":\"empty-room\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"}}");

		assertThat(refused.status()).isEqualTo(422);
		JsonNode problem = E2eClient.JSON.readTree(refused.body());
		assertThat(problem.path("type").asString()).endsWith("/upstream-rejected");
		assertThat(problem.path("upstreamCode").asString()).isEqualTo("InvalidParam");
		assertThat(problem.path("reason").asString()).isEqualTo("channel-not-joined");
		assertThat(problem.path("detail").asString()).contains("does not exist", "retry with a growing delay");

		assertThat(http().send("POST", "/emulator/joins", "{\"appId\":\"demo-app\",\"channelId\":\"empty-room\"}")
			.status()).isEqualTo(201);
		assertThat(http()
			.send("POST", TASKS, "{\"channelId\":\"empty-room\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"}}")
			.status()).isEqualTo(201);
	}

	// §2.4 / §9: UserInfos omitted mixes every user of the channel
	@Test
	void mixesEveryUserOfTheChannelWhenUsersAreOmitted() {
		join("all-room");
		Reply started = http().send("POST", TASKS,
				"{\"taskId\":\"mix-all\",\"channelId\":\"all-room\",\"mode\":\"mixed\",\"destinations\":"
						+ "[\"rtmp://push.example.com/live/all-room\"],\"mixed\":{\"layout\":{\"panes\":"
						+ "[{\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}}}");

		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(this.emulator.task("demo-app", "mix-all")).get()
			.satisfies((task) -> assertThat(task.params().get("TranscodeParams")).doesNotContain("UserInfos"));
	}

	@Test
	void mixingEveryUserWithoutTaskIdOrDestinationsNamesBothFields() {
		Reply refused = http().send("POST", TASKS,
				"{\"channelId\":\"all-room\",\"mode\":\"mixed\",\"mixed\":{\"layout\":{\"panes\":"
						+ "[{\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}}}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"taskId\"");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isZero();
	}

	// §9: audio-only mixing sends no layout and no video parameters
	@Test
	void audioOnlyMixingWithVideoParametersIsRefusedBeforeTheVendor() {
		join("radio");
		Reply refused = http().send("POST", TASKS,
				"{\"channelId\":\"radio\",\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"dj\"}],"
						+ "\"layout\":{\"panes\":[{\"x\":0,\"y\":0,\"width\":1,\"height\":1}]},"
						+ "\"encode\":{\"audioOnly\":true,\"audioBitrate\":64,\"audioChannels\":1,"
						+ "\"audioSampleRate\":48000,\"videoBitrate\":2000}}}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"mixed.layout\"", "\"field\":\"mixed.encode.videoBitrate\"");

		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"radio\",\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"dj\"}],"
						+ "\"encode\":{\"audioOnly\":true,\"audioBitrate\":64,\"audioChannels\":1,"
						+ "\"audioSampleRate\":48000}}}");
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		assertThat(started.body()).doesNotContain("videoCodec");
	}

	// §2.5 / §9: PayloadType 5 is the omitted default; the emulator refuses it sent
	@Test
	void payloadTypeFiveStartsBecauseItIsNotSent() {
		join("sei-room");
		Reply started = http().send("POST", TASKS,
				"{\"channelId\":\"sei-room\",\"mode\":\"single\",\"single\":{\"userId\":\"host\"},"
						+ "\"sei\":{\"payloadType\":5,\"layoutVolume\":{}}}");

		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String taskId = E2eClient.JSON.readTree(started.body()).path("taskId").asString();
		assertThat(this.emulator.task("demo-app", taskId)).get()
			.satisfies((task) -> assertThat(task.params().get("SeiParams")).isEqualTo("{\"LayoutVolume\":{}}"));
	}

	private void join(String channelId) {
		assertThat(
				http().send("POST", "/emulator/joins", "{\"appId\":\"demo-app\",\"channelId\":\"" + channelId + "\"}")
					.status())
			.isEqualTo(201);
	}

}
