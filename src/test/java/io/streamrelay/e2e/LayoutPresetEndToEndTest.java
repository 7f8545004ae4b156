package io.streamrelay.e2e;

import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layout presets over real HTTP, through the real SDK to the emulator: the computed panes
 * are what the vendor receives (docs/aliyun-mpu-api.md §2.4), a PATCH that adds a user
 * recomputes them with one update, and a task read back can be PUT again unchanged.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:e2e-presets;DB_CLOSE_DELAY=-1",
				"streamrelay.emulator.stream-url-cooldown=0s", "streamrelay.reconciler.enabled=false" })
class LayoutPresetEndToEndTest extends EmulatorBackedEndToEnd {

	static final String TASKS = "/v1/apps/demo-app/relay-tasks";

	@Test
	void sendsTheComputedPanesRecomputesThemOnPatchAndRoundTrips() {
		Reply started = http().send("POST", TASKS,
				"{\"taskId\":\"grid-1\",\"channelId\":\"grid-room\",\"mode\":\"mixed\",\"mixed\":{\"users\":"
						+ "[{\"userId\":\"a\"},{\"userId\":\"b\"}],\"layout\":{\"preset\":\"side-by-side\"}}}");

		assertThat(started.status()).as(started.body()).isEqualTo(201);
		JsonNode layout = started.json().path("spec").path("mixed").path("layout");
		assertThat(layout.path("preset").asString()).isEqualTo("side-by-side");
		assertThat(layout.path("canvas").path("width").asInt()).isEqualTo(1280);
		assertThat(layout.path("panes")).hasSize(2);
		assertThat(layout.path("panes").get(1).path("x").asDouble()).isEqualTo(0.5);
		assertThat(transcode("grid-1")).contains("\"UserPanes\"", "\"X\":\"0.5\"");

		Reply patched = http().send("PATCH", TASKS + "/grid-1",
				"{\"mixed\":{\"users\":[{\"userId\":\"a\"},{\"userId\":\"b\"},{\"userId\":\"c\"}],"
						+ "\"layout\":{\"preset\":\"grid\"}}}");

		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().path("spec").path("mixed").path("layout").path("panes")).hasSize(3);
		assertThat(this.emulator.callCount("UpdateLiveMPUTask")).isEqualTo(1);

		Reply added = http().send("PATCH", TASKS + "/grid-1",
				"{\"mixed\":{\"users\":[{\"userId\":\"a\"},{\"userId\":\"b\"},{\"userId\":\"c\"},{\"userId\":\"d\"}]}}");
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		assertThat(added.json().path("spec").path("mixed").path("layout").path("panes")).hasSize(4);

		// the spec read back (preset and its computed panes) is the desired state as it
		// is
		String spec = added.json().path("spec").toString();
		Reply again = http().send("PUT", TASKS + "/grid-1", spec);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.header("Streamrelay-Effect")).isEqualTo("unchanged");
		assertThat(this.emulator.callCount("UpdateLiveMPUTask")).isEqualTo(2);
	}

	@Test
	void aPresetThatCannotLayOutTheUsersIs400BeforeTheVendor() {
		Reply refused = http().send("POST", TASKS,
				"{\"channelId\":\"pk-room\",\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"a\"},"
						+ "{\"userId\":\"b\"},{\"userId\":\"c\"}],\"layout\":{\"preset\":\"pk\"}}}");
		Reply gap = http().send("POST", TASKS,
				"{\"channelId\":\"pk-room\",\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"a\"},"
						+ "{\"userId\":\"b\"}],\"layout\":{\"preset\":\"pk\",\"gap\":0.2}}}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"mixed.layout.preset\"", "exactly 2");
		assertThat(gap.status()).isEqualTo(400);
		assertThat(gap.body()).contains("\"field\":\"mixed.layout.gap\"");
		assertThat(this.emulator.callCount("StartLiveMPUTask")).isZero();
	}

	private String transcode(String taskId) {
		return this.emulator.task("demo-app", taskId).orElseThrow().params().get("TranscodeParams");
	}

}
