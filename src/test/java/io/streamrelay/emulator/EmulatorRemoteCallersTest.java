package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.streamrelay.emulator.EmulatedTask.Origin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * By default the emulator answers loopback callers only, judged by the TCP peer address:
 * a remote caller is refused before anything is read, counted or changed.
 */
@SpringBootTest(classes = EmulatorSdkTest.EmulatorOnly.class)
@AutoConfigureMockMvc
class EmulatorRemoteCallersTest {

	static final String REMOTE = "203.0.113.7";

	@Autowired
	MockMvc mvc;

	@Autowired
	EmulatorState state;

	@Autowired
	FaultPlan faults;

	@BeforeEach
	@AfterEach
	void reset() {
		this.state.reset();
		this.faults.clear();
	}

	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static URI vendor(String action, Map<String, String> business) {
		return URI.create("/?" + MpuApiHttpTest.form(MpuApiHttpTest.signed("GET", action, business)));
	}

	static URI list() {
		return vendor("ListRtcMPUTaskDetail", Map.of("AppId", "app1", "PageNo", "1", "PageSize", "10"));
	}

	private void runningTask(String taskId) {
		this.state.start(new TaskSpec("app1", "ch1", taskId, "0", List.of("rtmp://a/live/" + taskId),
				Map.of("AppId", "app1", "TaskId", taskId, "MixMode", "0")), Origin.API, "StartLiveMPUTask");
	}

	@Test
	void aRemoteCallerGetsAVendorShaped403AndChangesNothingNotEvenTheNonce() throws Exception {
		runningTask("t1");
		URI stop = vendor("StopLiveMPUTask", Map.of("AppId", "app1", "TaskId", "t1"));

		this.mvc.perform(get(stop).with(from(REMOTE)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType("application/json;charset=UTF-8"))
			.andExpect(jsonPath("$.Code").value("Forbidden.RemoteCaller"))
			.andExpect(jsonPath("$.HostId").value("live.aliyuncs.com"))
			.andExpect(jsonPath("$.Message")
				.value(org.hamcrest.Matchers.containsString("streamrelay.emulator.allow-remote-callers=true")));

		assertThat(this.state.task("app1", "t1")).get().extracting(EmulatedTask::running).isEqualTo(true);
		assertThat(this.state.callCounts()).isEmpty();
		// the very same signed request from loopback is served: its nonce was not spent
		this.mvc.perform(get(stop)).andExpect(status().isOk());
		assertThat(this.state.task("app1", "t1")).get().extracting(EmulatedTask::running).isEqualTo(false);
	}

	@Test
	void forwardingHeadersDoNotMakeARemoteCallerLocal() throws Exception {
		this.mvc
			.perform(get(list()).with(from(REMOTE))
				.header("X-Forwarded-For", "127.0.0.1")
				.header("X-Real-IP", "127.0.0.1")
				.header("Forwarded", "for=127.0.0.1"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.Code").value("Forbidden.RemoteCaller"));

		assertThat(this.state.callCounts()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Forwarded-For", "Forwarded", "X-Real-IP" })
	void aLoopbackProxyForwardingAnotherHostIsRemote(String header) throws Exception {
		this.mvc.perform(get(list()).header(header, "for=203.0.113.7"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.Code").value("Forbidden.RemoteCaller"));
	}

	@Test
	void aPeerAddressTheContainerTookFromForwardingHeadersIsNotBelieved() throws Exception {
		// what Tomcat's RemoteIpValve (server.forward-headers-strategy=native) marks
		this.mvc.perform(get(list()).requestAttr("org.apache.tomcat.request.forwarded", Boolean.TRUE))
			.andExpect(status().isForbidden());
	}

	@Test
	void aWrapperClaimingLoopbackIsNotBelievedOnlyTheContainersPeerCounts() {
		MockHttpServletRequest peer = new MockHttpServletRequest();
		HttpServletRequest claimsLoopback = new HttpServletRequestWrapper(peer) {
			@Override
			public String getRemoteAddr() {
				return "127.0.0.1";
			}
		};

		peer.setRemoteAddr(REMOTE);
		assertThat(EmulatorRequestFilter.isLocalCaller(claimsLoopback)).isFalse();
		peer.setRemoteAddr("127.0.0.1");
		assertThat(EmulatorRequestFilter.isLocalCaller(claimsLoopback)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.1", "192.168.1.2", "0.0.0.0", "::ffff:203.0.113.7", "2001:db8::1", "fe80::1",
			"localhost", "127.0.0.1.example.com", "" })
	void everyOtherPeerIsRemote(String address) throws Exception {
		this.mvc.perform(get(list()).with(from(address))).andExpect(status().isForbidden());
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1" })
	void loopbackPeersAreServed(String address) throws Exception {
		this.mvc.perform(get(list()).with(from(address)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.MPUTasks").isArray());
		this.mvc.perform(get("/emulator/tasks").with(from(address))).andExpect(status().isOk());
	}

	@Test
	void aRemoteCallerGetsA403ProblemFromTheControlEndpointsAndChangesNothing() throws Exception {
		runningTask("t1");

		this.mvc.perform(post("/emulator/reset").with(from(REMOTE)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("Forbidden.RemoteCaller"));
		this.mvc
			.perform(post("/emulator/faults").with(from(REMOTE))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"kind\":\"GARBAGE\"}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/emulator/tasks/app1/t1/vanish").with(from(REMOTE))).andExpect(status().isForbidden());
		this.mvc.perform(get("/emulator/tasks").with(from(REMOTE))).andExpect(status().isForbidden());

		assertThat(this.state.task("app1", "t1")).get().extracting(EmulatedTask::running).isEqualTo(true);
		assertThat(this.faults.rules()).isEmpty();
	}

}
