package io.streamrelay.security;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.testing.TestHttp;
import io.streamrelay.testing.TestHttp.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/apps/{appId}/unmanaged-relays} and its {@code /history} over real HTTP:
 * admin keys of the app only; refusals, unknown apps and bad page parameters are problems
 * and never reach the vendor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:unmanaged-access;DB_CLOSE_DELAY=-1", "streamrelay.reconciler.enabled=false",
		"streamrelay.apps.other-app.streaming-domain=play.other.example",
		"streamrelay.security.api-keys[0].name=writer-demo",
		"streamrelay.security.api-keys[0].sha256=d3afc46d57d3b0c3b8e8629dc0ec3482a94159aaf645500b17a6f7f729031f47",
		"streamrelay.security.api-keys[0].apps[0]=demo-app", "streamrelay.security.api-keys[0].role=WRITE",
		"streamrelay.security.api-keys[1].name=admin-demo",
		"streamrelay.security.api-keys[1].sha256=c36082e4b0d4bbc2da80950eb1e29135ef8f0936a1285bb17e86123ae1b206f1",
		"streamrelay.security.api-keys[1].apps[0]=demo-app", "streamrelay.security.api-keys[1].role=ADMIN",
		"streamrelay.security.api-keys[2].name=admin-other",
		"streamrelay.security.api-keys[2].sha256=9a89ec704ea875484b00ea4adba71f3846884f6cde87a35e73e579577788a510",
		"streamrelay.security.api-keys[2].apps[0]=other-app", "streamrelay.security.api-keys[2].role=ADMIN" })
class UnmanagedRelaysAccessTest {

	static final String PATH = "/v1/apps/demo-app/unmanaged-relays";

	static final String WRITER = "Bearer sr-writer-demo-1111111111111111";

	static final String ADMIN = "Bearer sr-admin-demo-4444444444444444";

	static final String OTHER_ADMIN = "Bearer sr-admin-other-555555555555555";

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@BeforeEach
	void reset() {
		this.emulator.reset();
	}

	Reply get(String authorization, String path) {
		return new TestHttp(this.port, authorization).send("GET", path, null);
	}

	@Test
	void anAdminKeyOfTheAppGetsTheListWithThePolicy() {
		Reply reply = get(ADMIN, PATH);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("appId").asString()).isEqualTo("demo-app");
		assertThat(reply.json().path("policy").asString()).isEqualTo("report");
		assertThat(reply.json().path("relays").isArray()).isTrue();
		assertThat(this.emulator.callCount("ListRtcMPUTaskDetail")).isEqualTo(1);
	}

	@Test
	void aWriteKeyIsRefusedWithoutAVendorCall() {
		Reply reply = get(WRITER, PATH);

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(this.emulator.callCount("ListRtcMPUTaskDetail")).isZero();
	}

	@Test
	void anAdminOfAnotherAppIsRefused() {
		Reply reply = get(OTHER_ADMIN, PATH);

		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(this.emulator.callCount("ListRtcMPUTaskDetail")).isZero();
	}

	@Test
	void noKeyIsUnauthenticated() {
		Reply reply = get(null, PATH);

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anUnknownAppIsANotFoundProblemNamingIt() {
		Reply reply = get(TestKeys.BEARER_DEVELOPMENT, "/v1/apps/no-such-app/unmanaged-relays");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.body()).contains("no-such-app");
		assertThat(this.emulator.callCount("ListRtcMPUTaskDetail")).isZero();
	}

	@Test
	void theHistoryIsForAdminsOfTheAppAndReadsNoVendorList() {
		Reply reply = get(ADMIN, PATH + "/history");

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().path("appId").asString()).isEqualTo("demo-app");
		assertThat(reply.json().path("items").isArray()).isTrue();
		assertThat(get(WRITER, PATH + "/history").status()).isEqualTo(403);
		assertThat(get(OTHER_ADMIN, PATH + "/history").status()).isEqualTo(403);
		assertThat(this.emulator.callCount("ListRtcMPUTaskDetail")).isZero();
	}

	@Test
	void aBadHistoryPageParameterIsA400NamingIt() {
		Reply size = get(ADMIN, PATH + "/history?pageSize=0");
		Reply token = get(ADMIN, PATH + "/history?pageToken=nonsense");

		assertThat(size.status()).isEqualTo(400);
		assertThat(size.contentType()).startsWith("application/problem+json");
		assertThat(size.body()).contains("\"field\":\"pageSize\"");
		assertThat(token.status()).isEqualTo(400);
		assertThat(token.body()).contains("\"field\":\"pageToken\"");
	}

}
