package io.streamrelay.relaytask.usecase;

import java.time.Clock;
import java.time.ZoneOffset;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.RelayTaskEvent.Outcome;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import static io.streamrelay.relaytask.usecase.CoreFixtures.APP;
import static io.streamrelay.relaytask.usecase.CoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SEI use case without Spring: running tasks only, the vendor's 4096-character limit
 * (docs/aliyun-mpu-api.md §2.8), a history entry with length and hash but never the
 * content.
 */
class SendSeiTest {

	private static final String CONTENT = "{\"quiz\":\"Q7\",\"answer\":\"secret-answer-canary\"}";

	private final InMemoryRelayTasks tasks = new InMemoryRelayTasks();

	private final RecordingGateway gateway = new RecordingGateway();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final RelayTaskService service = new RelayTaskService(this.tasks, this.gateway, new CoreFixtures.FakeApps(),
			this.clock);

	private final SendSei sei = new SendSei(this.tasks, this.gateway, this.clock);

	@Test
	void sendsTheContentOnceAndRecordsItsLengthAndHashNotTheContent() {
		RelayTask task = this.service.start(APP, null, CoreFixtures.single("ch1", "u1"));

		SendSei.SeiSent sent = this.sei.send(task, CONTENT);

		assertThat(this.gateway.seis()).containsExactly(CONTENT);
		assertThat(sent.contentLength()).isEqualTo(CONTENT.length());
		assertThat(sent.contentSha256()).isEqualTo(SendSei.sha256(CONTENT)).hasSize(64);
		RelayTaskEvent last = this.tasks.lastEvent(APP, task.taskId()).orElseThrow();
		assertThat(last.action()).isEqualTo(Action.SEI);
		assertThat(last.outcome()).isEqualTo(Outcome.SUCCEEDED);
		assertThat(last.state()).as("SEI moves no task: the entry records the call only").isNull();
		assertThat(last.detail()).contains(CONTENT.length() + " characters", sent.contentSha256())
			.doesNotContain("secret-answer-canary");
		assertThat(this.tasks.find(APP, task.taskId()).orElseThrow().version()).isEqualTo(task.version());
	}

	@Test
	void refusesAStoppedTaskWithoutCallingTheVendor() {
		RelayTask task = this.service.start(APP, null, CoreFixtures.single("ch1", "u1"));
		RelayTask stopped = this.service.stop(task);
		this.gateway.reset();

		assertThatThrownBy(() -> this.sei.send(stopped, CONTENT)).isInstanceOf(RelayTaskStateConflict.class);
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void refusesContentOverTheVendorsLimitWithoutCallingTheVendor() {
		RelayTask task = this.service.start(APP, null, CoreFixtures.single("ch1", "u1"));
		this.gateway.reset();
		String tooLong = "\"" + "x".repeat(SendSei.MAX_CHARACTERS - 1) + "\"";

		assertThatThrownBy(() -> this.sei.send(task, tooLong)).isInstanceOfSatisfying(InvalidRelaySpec.class,
				(ex) -> assertThat(ex.violations()).extracting("field").containsExactly("content"));
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void acceptsContentOfExactlyTheLimit() {
		RelayTask task = this.service.start(APP, null, CoreFixtures.single("ch1", "u1"));
		String atLimit = "\"" + "x".repeat(SendSei.MAX_CHARACTERS - 2) + "\"";

		assertThat(this.sei.send(task, atLimit).contentLength()).isEqualTo(4096);
	}

	@Test
	void aRefusalIsRecordedAndRethrownTheTaskUnchanged() {
		RelayTask task = this.service.start(APP, null, CoreFixtures.single("ch1", "u1"));
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParam", "task not found", "REQ-X", 400));

		assertThatThrownBy(() -> this.sei.send(task, CONTENT)).isInstanceOf(UpstreamFailure.Rejected.class);

		RelayTaskEvent last = this.tasks.lastEvent(APP, task.taskId()).orElseThrow();
		assertThat(last.action()).isEqualTo(Action.SEI);
		assertThat(last.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(last.errorCode()).isEqualTo("InvalidParam");
		assertThat(this.tasks.find(APP, task.taskId()).orElseThrow().state()).isEqualTo(RelayTaskState.ACTIVE);
	}

}
