package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In the whole service: the control endpoints act only on the apps of the caller's API
 * key, and what acts on every app (reset, the fault plan) needs a key for every app. The
 * vendor endpoint keeps its body cap in vendor shape behind the service's filters.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:emulator-scope;DB_CLOSE_DELAY=-1",
				"streamrelay.reconciler.enabled=false", "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.security.api-keys[0].name=tests",
				"streamrelay.security.api-keys[0].sha256=" + EmulatorAppScopeHttpTest.EVERY_APP_HASH,
				"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=ADMIN",
				"streamrelay.security.api-keys[1].name=demo-admin",
				"streamrelay.security.api-keys[1].sha256=" + EmulatorAppScopeHttpTest.DEMO_ADMIN_HASH,
				"streamrelay.security.api-keys[1].apps[0]=demo-app", "streamrelay.security.api-keys[1].role=ADMIN" })
class EmulatorAppScopeHttpTest {

	static final String EVERY_APP_HASH = "7d620708c9c5738a1acf259057a317f108ce5395a4b22c6bf8ebea0683352ed6";

	static final String DEMO_ADMIN = "sr-demo-admin-4444444444444444";

	static final String DEMO_ADMIN_HASH = "304727ea2e4fefed095ef4237c790d7bee18103b0e61a919fd5f9573bc1af1c6";

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState state;

	@Autowired
	FaultPlan faults;

	private TestHttp everyApp;

	private TestHttp demoAdmin;

	private String otherTask;

	@BeforeEach
	void relaysInTwoApps() {
		reset();
		this.everyApp = new TestHttp(this.port, TestKeys.BEARER_ADMIN);
		this.demoAdmin = new TestHttp(this.port, "Bearer " + DEMO_ADMIN);
		assertThat(sdkRelay(this.everyApp, "demo-app").status()).isEqualTo(201);
		TestHttp.Reply other = sdkRelay(this.everyApp, "other-app");
		assertThat(other.status()).isEqualTo(201);
		this.otherTask = other.json().get("taskId").stringValue();
	}

	@AfterEach
	void reset() {
		this.state.reset();
		this.faults.clear();
	}

	private static TestHttp.Reply sdkRelay(TestHttp caller, String appId) {
		return caller.send("POST", "/emulator/sdk-relays",
				"{\"appId\":\"" + appId + "\",\"channelId\":\"ch1\",\"userId\":\"u1\"}");
	}

	@Test
	void theConfiguredHashesAreTheSha256OfTheKeys() {
		assertThat(DigestUtils.sha256Hex(TestKeys.ADMIN)).isEqualTo(EVERY_APP_HASH);
		assertThat(DigestUtils.sha256Hex(DEMO_ADMIN)).isEqualTo(DEMO_ADMIN_HASH);
	}

	@Test
	void listingWithoutAppIdShowsOnlyTheTasksOfTheKeysApps() {
		this.state.countCall("StartLiveMPUTask");
		JsonNode scopedAnswer = this.demoAdmin.send("GET", "/emulator/tasks", null).json();
		JsonNode scoped = scopedAnswer.get("tasks");
		JsonNode allAnswer = this.everyApp.send("GET", "/emulator/tasks", null).json();
		JsonNode all = allAnswer.get("tasks");
		// the call counts are every app's: a key for one app does not see them
		assertThat(scopedAnswer.get("callCounts").isEmpty()).isTrue();
		assertThat(allAnswer.get("callCounts").isEmpty()).isFalse();

		assertThat(scoped.valueStream().map((task) -> task.get("appId").stringValue())).containsExactly("demo-app");
		assertThat(all.valueStream().map((task) -> task.get("appId").stringValue()))
			.containsExactlyInAnyOrder("demo-app", "other-app");
	}

	@Test
	void anotherAppsRelaysCanBeNeitherListedNorVanishedNorCreated() {
		TestHttp.Reply listed = this.demoAdmin.send("GET", "/emulator/tasks?appId=other-app", null);
		TestHttp.Reply vanished = this.demoAdmin.send("POST", "/emulator/tasks/other-app/" + this.otherTask + "/vanish",
				null);
		TestHttp.Reply created = this.demoAdmin.send("POST", "/emulator/sdk-relays",
				"{\"appId\":\"other-app\",\"channelId\":\"ch2\",\"userId\":\"u2\"}");

		for (TestHttp.Reply refused : new TestHttp.Reply[] { listed, vanished, created }) {
			assertThat(refused.status()).as(refused.body()).isEqualTo(403);
			assertThat(refused.contentType()).isEqualTo("application/problem+json");
			assertThat(refused.body()).contains("other-app");
		}
		assertThat(this.state.task("other-app", this.otherTask)).get()
			.extracting(EmulatedTask::running)
			.isEqualTo(true);
		assertThat(this.state.tasks("other-app")).hasSize(1);
	}

	@Test
	void theKeysOwnAppIsServed() {
		TestHttp.Reply created = this.demoAdmin.send("POST", "/emulator/sdk-relays",
				"{\"appId\":\"demo-app\",\"channelId\":\"ch2\",\"userId\":\"u2\"}");
		String taskId = created.json().get("taskId").stringValue();

		assertThat(created.status()).isEqualTo(201);
		assertThat(this.demoAdmin.send("GET", "/emulator/tasks?appId=demo-app", null).json().get("tasks")).hasSize(2);
		assertThat(this.demoAdmin.send("POST", "/emulator/tasks/demo-app/" + taskId + "/vanish", null).status())
			.isEqualTo(204);
	}

	@Test
	void resetAndTheFaultPlanNeedAKeyForEveryApp() {
		this.faults.add(new FaultRule("StartLiveMPUTask", FaultRule.Kind.GARBAGE, 1, 0, FaultRule.When.BEFORE));

		assertThat(this.demoAdmin.send("POST", "/emulator/reset", null).status()).isEqualTo(403);
		assertThat(this.demoAdmin.send("DELETE", "/emulator/faults", null).status()).isEqualTo(403);
		assertThat(this.demoAdmin.send("POST", "/emulator/faults", "{\"kind\":\"THROTTLING\"}").status())
			.isEqualTo(403);
		assertThat(this.demoAdmin.send("GET", "/emulator/faults", null).status()).isEqualTo(403);
		assertThat(this.state.tasks(null)).hasSize(2);
		assertThat(this.faults.rules()).hasSize(1);

		assertThat(this.everyApp.send("POST", "/emulator/reset", null).status()).isEqualTo(204);
		assertThat(this.state.tasks(null)).isEmpty();
	}

	@Test
	void aChunkedFormOverTheCapOnTheVendorEndpointIsAVendorShaped413() throws Exception {
		RawHttp.Answer answer = RawHttp.postChunked(this.port, "/", EmulatorBodyCapHttpTest.FORM,
				EmulatorBodyCapHttpTest.signedListForm(2_200_000));

		assertThat(answer.status()).as(answer.body()).isEqualTo(413);
		assertThat(answer.contentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(JsonParams.MAPPER.readTree(answer.body()).get("Code").stringValue())
			.isEqualTo("RequestBodyTooLarge");
		assertThat(this.state.callCounts()).isEmpty();
	}

	@Test
	void aDeclaredLengthOverTheCapOnTheVendorEndpointIsAVendorShaped413() {
		String form = new String(EmulatorBodyCapHttpTest.signedListForm(70_000), StandardCharsets.UTF_8);

		TestHttp.Reply answer = new TestHttp(this.port, null).send("POST", "/", form, EmulatorBodyCapHttpTest.FORM);

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.contentType()).isEqualTo("application/json;charset=UTF-8");
		assertThat(answer.json().get("Code").stringValue()).isEqualTo("RequestBodyTooLarge");
	}

}
