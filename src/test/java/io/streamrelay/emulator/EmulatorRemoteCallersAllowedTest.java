package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** Opening the emulator to other hosts is an explicit setting, and a loud one. */
@SpringBootTest(classes = EmulatorSdkTest.EmulatorOnly.class,
		properties = "streamrelay.emulator.allow-remote-callers=true")
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class EmulatorRemoteCallersAllowedTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	EmulatorState state;

	@Test
	void theSettingServesRemoteCallersAndWarnsAtStartUpWhatThatExposes(CapturedOutput output) throws Exception {
		this.state.reset();

		this.mvc
			.perform(get(EmulatorRemoteCallersTest.list())
				.with(EmulatorRemoteCallersTest.from(EmulatorRemoteCallersTest.REMOTE)))
			.andExpect(status().isOk());
		this.mvc.perform(get("/emulator/tasks").with(EmulatorRemoteCallersTest.from(EmulatorRemoteCallersTest.REMOTE)))
			.andExpect(status().isOk());

		assertThat(this.state.callCount("ListRtcMPUTaskDetail")).isEqualTo(1);
		assertThat(output.getOut()).containsPattern("WARN .*streamrelay.emulator.allow-remote-callers=true")
			.contains("stream keys");
	}

}
