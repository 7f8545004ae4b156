package io.streamrelay.emulator;

import io.streamrelay.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.streamrelay.emulator.EmulatedTask.Origin;
import io.streamrelay.emulator.EmulatedTask.State;
import org.junit.jupiter.api.Test;

class EmulatorStateTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));

	private final EmulatorState state = new EmulatorState(new EmulatorProperties("k", "s", 2, 1, Duration.ofSeconds(10),
			Duration.ofMinutes(15), List.of(), false, false), this.clock);

	static TaskSpec spec(String appId, String taskId, String mixMode, String... urls) {
		return new TaskSpec(appId, "ch1", taskId, mixMode, List.of(urls),
				Map.of("AppId", appId, "TaskId", taskId, "MixMode", mixMode));
	}

	static EmulatedTask taskFrom(TaskSpec spec) {
		return new EmulatedTask(spec.appId(), spec.channelId(), spec.taskId(), spec.mixMode(), State.RUNNING,
				Origin.API, spec.streamUrls(), spec.params(), null, Map.of(), 1, Instant.EPOCH, null);
	}

	@Test
	void stopMakesTaskStoppedAndNoLongerRunning() {
		this.state.start(spec("app1", "t1", "0", "rtmp://a/s1"), Origin.API, "StartLiveMPUTask");

		this.state.stop("app1", "t1", "StopLiveMPUTask");

		assertThat(this.state.runningTasks("app1")).isEmpty();
		assertThat(this.state.task("app1", "t1")).get().satisfies((task) -> {
			assertThat(task.state()).isEqualTo(State.STOPPED);
			assertThat(task.stoppedAt()).isEqualTo(this.clock.instant());
			assertThat(task.callCounts()).containsEntry("StartLiveMPUTask", 1L).containsEntry("StopLiveMPUTask", 1L);
		});
	}

	@Test
	void stoppingUnknownOrStoppedTaskIsTaskNotFound() {
		assertThatThrownBy(() -> this.state.stop("app1", "t1", "StopLiveMPUTask")).extracting("code")
			.isEqualTo("InvalidParam");
		this.state.start(spec("app1", "t1", "0", "rtmp://a/s1"), Origin.API, "StartLiveMPUTask");
		this.state.stop("app1", "t1", "StopLiveMPUTask");

		assertThatThrownBy(() -> this.state.stop("app1", "t1", "StopLiveMPUTask")).hasMessageContaining("t1");
		assertThatThrownBy(() -> this.state.setSei("app1", "t1", "{}", "SetLiveMpuTaskSei"))
			.isInstanceOf(ApiError.class);
	}

	@Test
	void streamUrlOfStoppedTaskIsBlockedDuringCooldownOnly() {
		this.state.start(spec("app1", "t1", "0", "rtmp://a/s1"), Origin.API, "StartLiveMPUTask");
		this.state.stop("app1", "t1", "StopLiveMPUTask");

		this.clock.advance(Duration.ofSeconds(9));
		assertThatThrownBy(() -> this.state.start(spec("app1", "t2", "0", "rtmp://a/s1"), Origin.API, "Start"))
			.hasMessageContaining("cooling down");

		this.clock.advance(Duration.ofSeconds(2));
		this.state.start(spec("app1", "t2", "0", "rtmp://a/s1"), Origin.API, "Start");
		assertThat(this.state.runningTasks("app1")).extracting(EmulatedTask::taskId).containsExactly("t2");
	}

	@Test
	void anyUrlOfAMultiStreamTaskConflicts() {
		this.state.start(spec("app1", "t1", "0", "rtmp://a/s1", "rtmp://b/s1"), Origin.API, "Start");

		assertThatThrownBy(() -> this.state.start(spec("app2", "t2", "0", "rtmp://b/s1"), Origin.API, "Start"))
			.extracting("code")
			.isEqualTo("InvalidParam");
	}

	@Test
	void updateKeepsItsOwnUrlButNotAnotherTasks() {
		this.state.start(spec("app1", "t1", "0", "rtmp://a/s1"), Origin.API, "Start");
		this.state.start(spec("app1", "t2", "0", "rtmp://a/s2"), Origin.API, "Start");

		this.state.update("app1", "t1", "Update", (current) -> spec("app1", "t1", "0", "rtmp://a/s1"));

		assertThatThrownBy(
				() -> this.state.update("app1", "t1", "Update", (current) -> spec("app1", "t1", "0", "rtmp://a/s2")))
			.extracting("code")
			.isEqualTo("InvalidParam");
	}

	@Test
	void quotasCountRunningTasksPerAppIdAndMode() {
		this.state.start(spec("app1", "t1", "0"), Origin.API, "Start");
		this.state.start(spec("app1", "t2", "0"), Origin.SDK, "SdkRelay");
		this.state.start(spec("app1", "m1", "1"), Origin.API, "Start");

		assertThatThrownBy(() -> this.state.start(spec("app1", "t3", "0"), Origin.API, "Start")).extracting("code")
			.isEqualTo("QuotaExceeded");
		assertThatThrownBy(() -> this.state.start(spec("app1", "m2", "1"), Origin.API, "Start")).extracting("code")
			.isEqualTo("QuotaExceeded");

		this.state.stop("app1", "t1", "Stop");
		this.state.start(spec("app1", "t3", "0"), Origin.API, "Start");
	}

	@Test
	void listOrderIsNewestUpdateFirstAndSeiDoesNotReorder() {
		this.state.start(spec("app1", "t1", "0"), Origin.API, "Start");
		this.state.start(spec("app1", "t2", "0"), Origin.API, "Start");
		this.state.update("app1", "t1", "Update", (current) -> spec("app1", "t1", "0"));
		this.state.setSei("app1", "t2", "{\"a\":1}", "SetLiveMpuTaskSei");

		assertThat(this.state.runningTasks("app1")).extracting(EmulatedTask::taskId).containsExactly("t1", "t2");
	}

	@Test
	void resetForgetsTasksAndCallCounts() {
		this.state.countCall("StartLiveMPUTask");
		this.state.start(spec("app1", "t1", "0"), Origin.API, "StartLiveMPUTask");

		this.state.reset();

		assertThat(this.state.tasks(null)).isEmpty();
		assertThat(this.state.callCount("StartLiveMPUTask")).isZero();
	}

}
