package io.streamrelay.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse.MpuTask;
import io.streamrelay.StreamRelayApplication;
import io.streamrelay.emulator.FaultPlan;
import io.streamrelay.relaytask.reconciliation.RelayTaskReconciler;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code streamrelay.emulator.standalone=true}: the jar runs the vendor emulator alone
 * (no database, no {@code /v1} API, no reconciler), and the vendor's Java SDK example of
 * the README works against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "streamrelay.emulator.standalone=true")
class StandaloneEmulatorTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void runsTheEmulatorWithoutDatabaseApiOrReconciler() {
		assertThat(this.context.getBeanNamesForType(FaultPlan.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(DataSource.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(Flyway.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RelayTaskService.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RelayTaskReconciler.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LiveRelayGateway.class)).isEmpty();

		TestHttp http = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
		assertThat(http.send("GET", "/v1/apps/demo-app/relay-tasks", null).status()).isEqualTo(404);
		assertThat(http.send("GET", "/emulator/tasks", null).status()).isEqualTo(200);
		assertThat(new TestHttp(this.port, null).send("GET", "/emulator/tasks", null).status()).isEqualTo(401);
		assertThat(http.send("GET", "/actuator/health/readiness", null).json().get("status").asString())
			.isEqualTo("UP");
	}

	@Test
	void theReadmeSdkExampleStartsListsAndStopsARelay() throws ClientException {
		List<MpuTask> running = EmulatorSdkExample.startListStop("127.0.0.1:" + this.port);

		assertThat(running).extracting(MpuTask::getTaskId).containsExactly("my-first-relay");
		TestHttp.Reply tasks = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT).send("GET",
				"/emulator/tasks?appId=my-app", null);
		assertThat(tasks.json().get("tasks").get(0).get("state").asString()).isEqualTo("STOPPED");
	}

	@Test
	void theReadmeQuotesTheExampleThatRuns() throws IOException {
		String source = Files.readString(Path.of("src/test/java/io/streamrelay/readme/EmulatorSdkExample.java"));
		String example = source.substring(source.indexOf("// readme:begin") + "// readme:begin".length(),
				source.indexOf("// readme:end"));
		String quoted = example.lines()
			.map((line) -> line.replaceFirst("^\t", ""))
			.reduce("", (all, line) -> all + line.replace("\t", "    ") + "\n");
		assertThat(Files.readString(Path.of("README.md"))).contains(quoted.strip());
	}

	@Test
	void refusesToRunAloneInAliyunMode() {
		assertThatThrownBy(() -> SpringApplication.run(StreamRelayApplication.class,
				"--streamrelay.emulator.standalone=true", "--streamrelay.upstream.mode=aliyun", "--server.port=0"))
			.hasMessageContaining("streamrelay.emulator.standalone=true runs the vendor emulator alone");
	}

}
