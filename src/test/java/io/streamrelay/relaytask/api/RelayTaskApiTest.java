package io.streamrelay.relaytask.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.streamrelay.mputaskid.MpuTaskIds;
import io.streamrelay.relaytask.task.InMemoryRelayTasks;
import io.streamrelay.relaytask.vendor.RecordingGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = RelayTaskController.class)
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc(addFilters = false)
@Import({ ApiTestWiring.class, ProblemHandler.class })
@TestPropertySource(properties = { "streamrelay.apps.signed-app.streaming-domain=play.signed.example",
		"streamrelay.apps.signed-app.ingest-domain=push.signed.example",
		"streamrelay.apps.signed-app.push-auth-key=push-secret-canary",
		"streamrelay.apps.signed-app.play-auth-key=play-secret-canary",
		"streamrelay.apps.demo-app.allowed-destination-hosts[0]=*.rtmp.youtube.com" })
class RelayTaskApiTest {

	static final String SINGLE = "{'channelId':'ch1','mode':'single','single':{'userId':'u1'}}";

	static final String MIXED = "{'channelId':'chm','mode':'mixed','mixed':{'users':[{'userId':'u1'},{'userId':'u2'}],"
			+ "'layout':{'panes':[{'x':0,'y':0,'width':0.5,'height':1,'userId':'u1'},"
			+ "{'x':0.5,'y':0,'width':0.5,'height':1,'userId':'u2'}]}}}";

	@Autowired
	MockMvc mvc;

	@Autowired
	RecordingGateway gateway;

	@Autowired
	InMemoryRelayTasks tasks;

	@BeforeEach
	void resetGateway() {
		this.gateway.reset();
		// most tests start on channel c or ch1 with user u1: the same default push URL,
		// which a task another test left running would hold (409 destination-in-use)
		this.tasks.clear();
	}

	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	ResultActions start(String app, String body) throws Exception {
		return this.mvc.perform(
				post("/v1/apps/" + app + "/relay-tasks").contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	@Test
	void startsSingleRelayWithSdkCompatibleIdDerivedDestinationAndPlayback() throws Exception {
		String taskId = MpuTaskIds.of("demo-app", "ch1", "u1");
		start("demo-app", SINGLE).andExpect(status().isCreated())
			.andExpect(header().string("Location", "/v1/apps/demo-app/relay-tasks/" + taskId))
			.andExpect(header().string("ETag", "\"2\""))
			.andExpect(jsonPath("$.taskId").value(taskId))
			.andExpect(jsonPath("$.state").value("active"))
			.andExpect(jsonPath("$.mode").value("single"))
			.andExpect(jsonPath("$.spec.single.streamType").value("audio_video"))
			.andExpect(jsonPath("$.spec.single.sourceType").value("camera"))
			.andExpect(jsonPath("$.spec.sei.layoutVolume.intervalMs").value(2000))
			.andExpect(jsonPath("$.spec.sei.layoutVolume.followIdr").value(true))
			.andExpect(jsonPath("$.destinations[0]").value("rtmp://push.example.com/live/demo-app_ch1_u1_camera"))
			.andExpect(jsonPath("$.playback.rtmp").value("rtmp://play.example.com/live/demo-app_ch1_u1_camera"))
			.andExpect(jsonPath("$.playback.flv").value("https://play.example.com/live/demo-app_ch1_u1_camera.flv"))
			.andExpect(jsonPath("$.playback.hls").value("https://play.example.com/live/demo-app_ch1_u1_camera.m3u8"));
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::action).containsExactly("start");
		assertThat(this.gateway.calls().get(0).spec().destinations())
			.containsExactly("rtmp://push.example.com/live/demo-app_ch1_u1_camera");
	}

	@Test
	void signsDerivedPushUrlButRedactsItsAuthKeyAndSignsPlayback() throws Exception {
		String body = start("signed-app", "{'channelId':'c9','mode':'single','single':{'userId':'u7'}}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.destinations[0]")
				.value("rtmp://push.signed.example/live/signed-app_c9_u7_camera?auth_key=****"))
			.andExpect(jsonPath("$.playback.flv", containsString("auth_key=")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String sent = this.gateway.calls().get(0).spec().destinations().get(0);
		assertThat(sent)
			.matches("rtmp://push\\.signed\\.example/live/signed-app_c9_u7_camera\\?auth_key=\\d+-0-0-[0-9a-f]{32}");
		assertThat(body).doesNotContain(sent.substring(sent.indexOf("auth_key=") + 9)).doesNotContain("canary");
	}

	@Test
	void redactsThirdPartyStreamKeyInCallerDestinations() throws Exception {
		start("demo-app",
				"{'channelId':'ch2','mode':'single','single':{'userId':'u1'},"
						+ "'destinations':['rtmp://a.rtmp.youtube.com/live2/abcd-SECRET-key?token=xyz']}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.destinations[0]").value("rtmp://a.rtmp.youtube.com/live2/****?token=****"))
			.andExpect(jsonPath("$.spec.destinations[0]").value("rtmp://a.rtmp.youtube.com/live2/****?token=****"))
			.andExpect(content().string(not(containsString("SECRET"))));
	}

	@Test
	void startsMixedRelayFillingEncodeDefaults() throws Exception {
		start("demo-app", MIXED).andExpect(status().isCreated())
			.andExpect(jsonPath("$.mode").value("mixed"))
			.andExpect(jsonPath("$.spec.mixed.encode.videoWidth").value(1280))
			.andExpect(jsonPath("$.spec.mixed.layout.panes[1].renderMode").value("crop"))
			.andExpect(jsonPath("$.taskId").value(MpuTaskIds.of("demo-app", "chm", "u1")));
	}

	static Stream<Arguments> invalidBodies() {
		return Stream.of(Arguments.of("missing channelId", "{'mode':'single','single':{'userId':'u1'}}", "channelId"),
				Arguments.of("maxDurationSeconds below a minute",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxDurationSeconds':59}",
						"maxDurationSeconds"),
				Arguments.of("maxDurationSeconds above seven days",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxDurationSeconds':604801}",
						"maxDurationSeconds"),
				Arguments.of("channelId charset", "{'channelId':'c h','mode':'single','single':{'userId':'u1'}}",
						"channelId"),
				Arguments.of("channelId too long",
						"{'channelId':'" + "c".repeat(65) + "','mode':'single','single':{'userId':'u1'}}", "channelId"),
				Arguments.of("taskId too long",
						"{'taskId':'" + "t".repeat(56) + "','channelId':'c','mode':'single','single':{'userId':'u1'}}",
						"taskId"),
				Arguments.of("taskId charset",
						"{'taskId':'a.b','channelId':'c','mode':'single','single':{'userId':'u1'}}", "taskId"),
				Arguments.of("missing mode", "{'channelId':'c','single':{'userId':'u1'}}", "mode"),
				Arguments.of("unknown mode", "{'channelId':'c','mode':'pip','single':{'userId':'u1'}}", "mode"),
				Arguments.of("single without sub-object", "{'channelId':'c','mode':'single'}", "single"),
				Arguments.of("single with mixed",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'mixed':{'users':[{'userId':'u1'}],'encode':{'audioOnly':true}}}",
						"mixed"),
				Arguments.of("mixed without sub-object", "{'channelId':'c','mode':'mixed'}", "mixed"),
				Arguments.of("mixed with single",
						"{'channelId':'c','mode':'mixed','single':{'userId':'u1'},'mixed':{'users':[{'userId':'u1'}],'encode':{'audioOnly':true}}}",
						"single"),
				Arguments.of("single userId missing", "{'channelId':'c','mode':'single','single':{}}", "single.userId"),
				Arguments.of("userId charset", "{'channelId':'c','mode':'single','single':{'userId':'u 1'}}",
						"single.userId"),
				Arguments.of("streamType",
						"{'channelId':'c','mode':'single','single':{'userId':'u1','streamType':'both'}}",
						"single.streamType"),
				Arguments.of("sourceType",
						"{'channelId':'c','mode':'single','single':{'userId':'u1','sourceType':'window'}}",
						"single.sourceType"),
				Arguments.of("no users", "{'channelId':'c','mode':'mixed','mixed':{'users':[]}}", "mixed.users"),
				Arguments.of("too many users",
						"{'channelId':'c','mode':'mixed','mixed':{'users':[" + "{'userId':'u'},".repeat(16)
								+ "{'userId':'u'}]}}",
						"mixed.users"),
				Arguments.of("duplicate users",
						"{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'},{'userId':'u1'}],'encode':{'audioOnly':true}}}",
						"mixed.users[1]"),
				Arguments.of("cross-channel id charset",
						"{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1','channelId':'x y'}],'encode':{'audioOnly':true}}}",
						"mixed.users[0].channelId"),
				Arguments.of("video mix without panes",
						"{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'}]}}", "mixed.layout.panes"),
				Arguments.of("pane x above 1", pane("'x':1.1,'y':0,'width':0.5,'height':0.5"),
						"mixed.layout.panes[0].x"),
				Arguments.of("pane y below 0", pane("'x':0,'y':-0.1,'width':0.5,'height':0.5"),
						"mixed.layout.panes[0].y"),
				Arguments.of("pane zero width", pane("'x':0,'y':0,'width':0,'height':0.5"),
						"mixed.layout.panes[0].width"),
				Arguments.of("pane height above 1", pane("'x':0,'y':0,'width':0.5,'height':1.5"),
						"mixed.layout.panes[0].height"),
				Arguments.of("pane outside canvas horizontally", pane("'x':0.6,'y':0,'width':0.5,'height':0.5"),
						"mixed.layout.panes[0]"),
				Arguments.of("pane outside canvas vertically", pane("'x':0,'y':0.75,'width':0.5,'height':0.5"),
						"mixed.layout.panes[0]"),
				Arguments.of("pane missing x", pane("'y':0,'width':0.5,'height':0.5"), "mixed.layout.panes[0].x"),
				Arguments.of("pane zOrder", pane("'x':0,'y':0,'width':0.5,'height':0.5,'zOrder':100"),
						"mixed.layout.panes[0].zOrder"),
				Arguments.of("pane renderMode", pane("'x':0,'y':0,'width':0.5,'height':0.5,'renderMode':'stretch'"),
						"mixed.layout.panes[0].renderMode"),
				Arguments.of("pane user not listed", pane("'x':0,'y':0,'width':0.5,'height':0.5,'userId':'ghost'"),
						"mixed.layout.panes[0].userId"),
				Arguments.of("pane user with other source",
						pane("'x':0,'y':0,'width':0.5,'height':0.5,'userId':'u1','sourceType':'screen'"),
						"mixed.layout.panes[0].userId"),
				Arguments.of("pane image not http",
						pane("'x':0,'y':0,'width':0.5,'height':0.5,'backgroundImageUrl':'ftp://x/y.png'"),
						"mixed.layout.panes[0].backgroundImageUrl"),
				Arguments.of("too many panes",
						"{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'}],'layout':{'panes':["
								+ "{'x':0,'y':0,'width':0.1,'height':0.1},".repeat(16)
								+ "{'x':0,'y':0,'width':0.1,'height':0.1}]}}}",
						"mixed.layout.panes"),
				Arguments.of("background url missing", mixedWith("'background':{'renderMode':'fit'}"),
						"mixed.background.url"),
				Arguments.of("background url too long",
						mixedWith("'background':{'url':'https://x.example/" + "a".repeat(2040) + "'}"),
						"mixed.background.url"),
				Arguments.of("encode incomplete", mixedWith("'encode':{'audioBitrate':64}"),
						"mixed.encode.videoBitrate"),
				Arguments.of("audio bitrate low", encode("'audioBitrate':7"), "mixed.encode.audioBitrate"),
				Arguments.of("audio bitrate high", encode("'audioBitrate':501"), "mixed.encode.audioBitrate"),
				Arguments.of("audio channels", encode("'audioChannels':3"), "mixed.encode.audioChannels"),
				Arguments.of("sample rate", encode("'audioSampleRate':22050"), "mixed.encode.audioSampleRate"),
				Arguments.of("codec", encode("'videoCodec':'VP8'"), "mixed.encode.videoCodec"),
				Arguments.of("video bitrate", encode("'videoBitrate':10001"), "mixed.encode.videoBitrate"),
				Arguments.of("framerate", encode("'videoFramerate':61"), "mixed.encode.videoFramerate"),
				Arguments.of("gop", encode("'videoGop':0"), "mixed.encode.videoGop"),
				Arguments.of("width", encode("'videoWidth':1921"), "mixed.encode.videoWidth"),
				Arguments.of("height", encode("'videoHeight':-1"), "mixed.encode.videoHeight"),
				Arguments.of("profile", encode("'profile':'ultra'"), "mixed.encode.profile"),
				Arguments.of("profile for H.265", encode("'videoCodec':'H.265','profile':'high'"),
						"mixed.encode.profile"),
				Arguments.of("preset", encode("'preset':'warp'"), "mixed.encode.preset"),
				Arguments.of("sei interval low", sei("'layoutVolume':{'intervalMs':999}"),
						"sei.layoutVolume.intervalMs"),
				Arguments.of("sei interval high", sei("'layoutVolume':{'intervalMs':5001}"),
						"sei.layoutVolume.intervalMs"),
				Arguments.of("sei pass-through without timing", sei("'passThrough':{'content':'x','followIdr':false}"),
						"sei.passThrough"),
				Arguments.of("sei payload type 6", sei("'payloadType':6"), "sei.payloadType"),
				Arguments.of("sei payload type 255", sei("'payloadType':255"), "sei.payloadType"),
				Arguments.of("pass-through content missing", sei("'passThrough':{'intervalMs':1000}"),
						"sei.passThrough.content"),
				Arguments.of("pass-through content too long",
						sei("'passThrough':{'intervalMs':1000,'content':'" + "x".repeat(4097) + "'}"),
						"sei.passThrough.content"),
				Arguments.of("pass-through interval", sei("'passThrough':{'intervalMs':6000,'content':'x'}"),
						"sei.passThrough.intervalMs"),
				Arguments.of("destination not rtmp", dest("'https://push.example.com/live/s'"), "destinations[0]"),
				Arguments.of("destination without path", dest("'rtmp://push.example.com'"), "destinations[0]"),
				Arguments.of("destination too long", dest("'rtmp://push.example.com/live/" + "s".repeat(2030) + "'"),
						"destinations[0]"),
				Arguments.of("destination null", dest("null"), "destinations[0]"),
				Arguments.of("destination duplicated",
						dest("'rtmp://push.example.com/live/s','rtmp://push.example.com/live/s'"), "destinations[1]"),
				Arguments.of("destination redacted", dest("'rtmp://push.example.com/live/s?auth_key=****'"),
						"destinations[0]"),
				Arguments.of("empty destinations",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'destinations':[]}", "destinations"),
				Arguments.of("maxIdle low",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxIdleSeconds':9}",
						"maxIdleSeconds"),
				Arguments.of("maxIdle high",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxIdleSeconds':86401}",
						"maxIdleSeconds"),
				Arguments.of("region", "{'channelId':'c','mode':'single','single':{'userId':'u1'},'region':'US-East'}",
						"region"));
	}

	static String pane(String fields) {
		return "{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'}],'layout':{'panes':[{" + fields
				+ "}]}}}";
	}

	static String mixedWith(String extra) {
		return "{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'}],"
				+ "'layout':{'panes':[{'x':0,'y':0,'width':1,'height':1}]}," + extra + "}}";
	}

	static String encode(String override) {
		// the override replaces a default: a member given twice is refused as ambiguous
		Map<String, String> fields = new LinkedHashMap<>();
		for (String field : ("'audioBitrate':64,'audioChannels':2,'audioSampleRate':48000,'videoBitrate':800,"
				+ "'videoFramerate':25,'videoGop':50,'videoWidth':640,'videoHeight':360," + override)
			.split(",")) {
			fields.put(field.substring(0, field.indexOf(':')), field);
		}
		return mixedWith("'encode':{" + String.join(",", fields.values()) + "}");
	}

	static String sei(String fields) {
		return "{'channelId':'c','mode':'single','single':{'userId':'u1'},'sei':{" + fields + "}}";
	}

	static String dest(String urls) {
		return "{'channelId':'c','mode':'single','single':{'userId':'u1'},'destinations':[" + urls + "]}";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidBodies")
	void rejectsInvalidStartNamingTheFieldWithoutCallingTheVendor(String rule, String body, String field)
			throws Exception {
		start("demo-app", body).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/validation-failed"))
			.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
		assertThat(this.gateway.calls()).isEmpty();
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(Arguments.of("not JSON", "{'channelId':", "(body)"),
				Arguments.of("trailing garbage", SINGLE + "}", "(body)"), Arguments.of("array body", "[1,2]", "(body)"),
				Arguments.of("number as channelId", "{'channelId':12,'mode':'single','single':{'userId':'u1'}}",
						"channelId"),
				Arguments.of("string as number",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxIdleSeconds':'30'}",
						"maxIdleSeconds"),
				Arguments.of("fraction as integer",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxIdleSeconds':30.5}",
						"maxIdleSeconds"),
				Arguments.of("string as maxDurationSeconds",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxDurationSeconds':'3600'}",
						"maxDurationSeconds"),
				Arguments.of("fraction as maxDurationSeconds",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxDurationSeconds':3600.5}",
						"maxDurationSeconds"),
				Arguments.of("string as boolean", encodeAudioOnly("'yes'"), "mixed.encode.audioOnly"),
				Arguments.of("number as boolean", encodeAudioOnly("1"), "mixed.encode.audioOnly"),
				Arguments.of("object as string", "{'channelId':{'a':1},'mode':'single','single':{'userId':'u1'}}",
						"channelId"),
				Arguments.of("unknown field", "{'channelId':'c','mode':'single','single':{'userId':'u1','volume':3}}",
						"single.volume"),
				Arguments.of("huge number",
						"{'channelId':'c','mode':'single','single':{'userId':'u1'},'maxIdleSeconds':99999999999999999999}",
						"maxIdleSeconds"),
				Arguments.of("empty body", "", "(body)"));
	}

	static String encodeAudioOnly(String value) {
		return "{'channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'}],'encode':{'audioOnly':" + value
				+ "}}}";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void rejectsMalformedBodiesAsProblem(String what, String body, String field) throws Exception {
		start("demo-app", body).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void answersUnknownAppWith404Problem() throws Exception {
		start("nope", SINGLE).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/unknown-app"));
		this.mvc.perform(get("/v1/apps/nope/relay-tasks")).andExpect(status().isNotFound());
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void answersWrongContentTypeAndMethodAsProblems() throws Exception {
		this.mvc.perform(post("/v1/apps/demo-app/relay-tasks").contentType(MediaType.TEXT_PLAIN).content("x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.put("/v1/apps/demo-app/relay-tasks/x"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void answersTheSameStartAgainWith200AndAnotherStartOfARunningTaskWith409WithoutVendorCall() throws Exception {
		start("demo-app", "{'taskId':'dup-1','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isCreated());
		start("demo-app", "{'taskId':'dup-1','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isOk())
			.andExpect(header().string("Location", "/v1/apps/demo-app/relay-tasks/dup-1"))
			.andExpect(jsonPath("$.state").value("active"));
		start("demo-app", "{'taskId':'dup-1','channelId':'c','mode':'single','single':{'userId':'u2'}}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/task-already-exists"));
		assertThat(this.gateway.calls()).hasSize(1);
	}

	@Test
	void switchesModeWithMergePatchSendingTheWholeSpecAndKeepingTheDestination() throws Exception {
		start("demo-app", "{'taskId':'sw-1','channelId':'c','mode':'single','single':{'userId':'host'}}")
			.andExpect(status().isCreated());
		String patch = "{'mode':'mixed','mixed':{'users':[{'userId':'host'},{'userId':'guest'}],"
				+ "'layout':{'panes':[{'x':0,'y':0,'width':0.5,'height':1,'userId':'host'},{'x':0.5,'y':0,'width':0.5,'height':1,'userId':'guest'}]}}}";
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/sw-1").contentType("application/merge-patch+json")
				.content(json(patch)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mode").value("mixed"))
			.andExpect(jsonPath("$.spec.single").doesNotExist())
			.andExpect(jsonPath("$.destinations[0]").value("rtmp://push.example.com/live/demo-app_c_host_camera"));
		RecordingGateway.Call update = this.gateway.calls().get(1);
		assertThat(update.action()).isEqualTo("update");
		assertThat(update.spec().mixed().users()).hasSize(2);
		assertThat(update.spec().single()).isNull();
		assertThat(update.spec().sei()).isNotNull();
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/sw-1").contentType("application/merge-patch+json")
				.content(json("{'mode':'single','single':{'userId':'host'}}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mode").value("single"))
			.andExpect(jsonPath("$.spec.mixed").doesNotExist())
			.andExpect(jsonPath("$.destinations[0]").value("rtmp://push.example.com/live/demo-app_c_host_camera"));
	}

	@Test
	void patchingOnlyMaxDurationSecondsRecordsItWithoutAVendorCallAndABadValueIsA400() throws Exception {
		start("demo-app", "{'taskId':'md-1','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isCreated());
		this.gateway.reset();
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/md-1").contentType("application/merge-patch+json")
				.content(json("{'maxDurationSeconds':3600}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("active"))
			.andExpect(jsonPath("$.spec.maxDurationSeconds").value(3600));
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/md-1").contentType("application/merge-patch+json")
				.content(json("{'maxDurationSeconds':null}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.spec.maxDurationSeconds").doesNotExist());
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/md-1").contentType("application/merge-patch+json")
				.content(json("{'maxDurationSeconds':30}")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("maxDurationSeconds"))
			.andExpect(
					jsonPath("$.errors[0].rule").value("must be between 60 and 604800 seconds (1 minute to 7 days)"));
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void validatesTheMergedSpecAndRefusesImmutableFields() throws Exception {
		start("demo-app",
				"{'taskId':'im-1','channelId':'c','mode':'single','single':{'userId':'u1'},'maxIdleSeconds':30}")
			.andExpect(status().isCreated());
		this.gateway.reset();
		for (String[] c : new String[][] { { "{'channelId':'other'}", "channelId" },
				{ "{'maxIdleSeconds':60}", "maxIdleSeconds" }, { "{'region':'AP-Singapore'}", "region" },
				{ "{'sei':{'payloadType':100}}", "sei.payloadType" }, { "{'taskId':'x'}", "taskId" },
				{ "{'mode':'mixed'}", "mixed" }, { "{'single':{'streamType':'stereo'}}", "single.streamType" },
				{ "{'single':null}", "single" }, { "{'single':{'userId':5}}", "single.userId" } }) {
			this.mvc
				.perform(patch("/v1/apps/demo-app/relay-tasks/im-1").contentType("application/merge-patch+json")
					.content(json(c[0])))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", hasItem(c[1])));
		}
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/im-1").contentType("application/merge-patch+json")
				.content("[]"))
			.andExpect(status().isBadRequest());
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void stopsOnceAndAnswersStoppedTaskAgainWithoutVendorCall() throws Exception {
		start("demo-app", "{'taskId':'st-1','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isCreated());
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/st-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("stopped"));
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/st-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("stopped"));
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::action).containsExactly("start", "stop");
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/never"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/task-not-found"));
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks/st-1/events"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].action").value("start"))
			.andExpect(jsonPath("$.items[0].upstreamRequestId", org.hamcrest.Matchers.startsWith("REQ-")))
			.andExpect(jsonPath("$.items[1].action").value("stop"))
			.andExpect(jsonPath("$.items[1].outcome").value("succeeded"))
			.andExpect(jsonPath("$.items[2].outcome").value("no_call"));
	}

	static Stream<Arguments> upstreamFailures() {
		return Stream.of(
				Arguments.of(new UpstreamFailure.Rejected("QuotaExceeded", "quota", "R1", 400), 422,
						"upstream-rejected", "failed"),
				Arguments.of(new UpstreamFailure.Throttled("Throttling.User", "slow down", "R2"), 503,
						"upstream-throttled", "failed"),
				Arguments.of(new UpstreamFailure.Unreachable("SDK.ServerUnreachable", "refused"), 503,
						"upstream-unreachable", "failed"),
				Arguments.of(new UpstreamFailure.TimedOut("SDK.ReadTimeout", "timeout"), 504, "upstream-timeout",
						"starting"),
				Arguments.of(new UpstreamFailure.BadResponse("InternalError", "boom", "R3"), 502,
						"upstream-bad-response", "starting"),
				Arguments.of(new UpstreamFailure.AuthFailed("SignatureDoesNotMatch", "sig", "R4"), 502,
						"upstream-auth-failed", "failed"));
	}

	@ParameterizedTest(name = "{2}")
	@MethodSource("upstreamFailures")
	void mapsVendorFailuresToProblemsAndRecordsTheTask(UpstreamFailure failure, int status, String type, String state)
			throws Exception {
		this.gateway.failWith(() -> failure);
		String taskId = "uf-" + type;
		start("demo-app", "{'taskId':'" + taskId + "','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().is(status))
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/" + type))
			.andExpect(jsonPath("$.upstreamCode").value(failure.code()));
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks/" + taskId))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value(state))
			.andExpect(jsonPath("$.lastError.code").value(failure.code()));
	}

	@Test
	void throttlingAnswersRetryAfter() throws Exception {
		this.gateway.failWith(() -> new UpstreamFailure.Throttled("Throttling.User", "slow down", "R2"));
		start("demo-app", "{'taskId':'thr','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"));
	}

	@Test
	void stopOfTaskTheVendorNoLongerRunsEndsStopped() throws Exception {
		start("demo-app", "{'taskId':'gone-1','channelId':'c','mode':'single','single':{'userId':'u1'}}");
		this.gateway.failWith(() -> new UpstreamFailure.Rejected("InvalidParam", "task not found", "R9", 400));
		this.gateway.describeFinds(false);
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/gone-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("stopped"));
	}

	@Test
	void listsTasksInPagesFilteredByChannelAndState() throws Exception {
		for (int i = 0; i < 5; i++) {
			start("demo-app",
					"{'taskId':'pg-" + i + "','channelId':'pages','mode':'single','single':{'userId':'u" + i + "'}}")
				.andExpect(status().isCreated());
		}
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/pg-4")).andExpect(status().isOk());
		String first = this.mvc.perform(get("/v1/apps/demo-app/relay-tasks?channelId=pages&state=active&pageSize=3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(3))
			.andExpect(jsonPath("$.items[0].taskId").value("pg-0"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = first.replaceAll(".*\"nextPageToken\":\"([^\"]+)\".*", "$1");
		this.mvc
			.perform(get("/v1/apps/demo-app/relay-tasks?channelId=pages&state=active&pageSize=3&pageToken=" + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].taskId").value("pg-3"))
			.andExpect(jsonPath("$.nextPageToken").doesNotExist());
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks?pageSize=101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("pageSize"));
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks?state=running"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("state"));
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks?pageToken=%%%")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks?pageSize=abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void adoptsSdkStartedRelayUnderItsMpuTaskIdWithoutVendorCall() throws Exception {
		String id = MpuTaskIds.of("demo-app", "live7", "anchor");
		this.mvc
			.perform(post("/v1/apps/demo-app/relay-tasks/adoptions").contentType(MediaType.APPLICATION_JSON)
				.content(json("{'channelId':'live7','mode':'single','single':{'userId':'anchor'}}")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.taskId").value(id))
			.andExpect(jsonPath("$.origin").value("adopted"))
			.andExpect(jsonPath("$.state").value("active"));
		assertThat(this.gateway.calls()).isEmpty();
		this.mvc
			.perform(post("/v1/apps/demo-app/relay-tasks/adoptions").contentType(MediaType.APPLICATION_JSON)
				.content(json("{'taskId':'other','channelId':'live8','mode':'single','single':{'userId':'anchor'}}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("taskId"));
	}

	@Test
	void conditionalWritesAnswer412WhenTheEtagIsStaleAndCallNoVendor() throws Exception {
		start("demo-app", "{'taskId':'etag-1','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isCreated())
			.andExpect(header().string("ETag", "\"2\""));
		this.gateway.reset();
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "\"1\"")
				.contentType("application/merge-patch+json")
				.content(json("{'single':{'streamType':'audio'}}")))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/precondition-failed"));
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "\"7\""))
			.andExpect(status().isPreconditionFailed());
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "W/\"2\""))
			.andExpect(status().isPreconditionFailed());
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "2"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("If-Match"));
		assertThat(this.gateway.calls()).isEmpty();
		this.mvc
			.perform(patch("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "\"1\", \"2\"")
				.contentType("application/merge-patch+json")
				.content(json("{'single':{'streamType':'audio'}}")))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"4\""));
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "\"2\", \"3\""))
			.andExpect(status().isPreconditionFailed());
		this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/etag-1").header("If-Match", "*"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("stopped"));
		assertThat(this.gateway.calls()).extracting(RecordingGateway.Call::action).containsExactly("update", "stop");
	}

	static Stream<Arguments> hostileUrls() {
		String[] destinations = { "rtmp://127.0.0.1/live/s", "rtmp://10.0.0.5/live/s", "rtmp://192.168.1.1/live/s",
				"rtmp://172.16.0.1/live/s", "rtmp://169.254.169.254/latest/meta-data",
				"rtmp://100.100.100.200/latest/meta-data", "rtmp://[::1]/live/s", "rtmp://[fd00::1]/live/s",
				"rtmp://[::ffff:127.0.0.1]/live/s", "rtmp://2130706433/live/s", "rtmp://0x7f000001/live/s",
				"rtmp://0177.0.0.1/live/s", "rtmp://127.1/live/s", "rtmp://localhost/live/s",
				"rtmp://foo.localhost/live/s", "rtmp://printer.local/live/s", "rtmp://metadata.google.internal/x/y",
				"rtmp://metadata/x/y", "rtmp://user:pass@push.example.com/live/s",
				"rtmp://push.example.com@evil.example.net/live/s", "rtmp://push.example.com:8080/live/s",
				"rtmp://push.example.com:22/live/s", "rtmp://evil.example.net/live/s",
				"rtmp://push.example.com.evil.example.net/live/s", "rtmp://xpush.example.com/live/s",
				"rtmp://a_b.example.com/live/s", "RTMP://127.0.0.1/live/s", "rtmp://10.0.0.1./live/s",
				"rtmp://localhost./live/s" };
		String[] images = { "http://img.example.com/a.png", "https://127.0.0.1/a.png",
				"https://169.254.169.254/latest/meta-data", "https://img.example.com:8443/a.png",
				"https://user@img.example.com/a.png", "https://evil.example.net/a.png",
				"https://img.example.com.evil.example.net/a.png", "https://[::ffff:127.0.0.1]/a.png",
				"https://localhost/a.png", "https://metadata.google.internal/computeMetadata/v1/",
				"https://100.100.100.200/latest/meta-data" };
		List<Arguments> cases = new java.util.ArrayList<>();
		for (String url : destinations) {
			cases.add(Arguments.of(url,
					"{'channelId':'c','mode':'single','single':{'userId':'u1'},'destinations':['" + url + "']}",
					"destinations[0]"));
		}
		for (String url : images) {
			cases.add(Arguments.of("background " + url, mixedWith("'background':{'url':'" + url + "'}"),
					"mixed.background.url"));
			cases.add(Arguments.of("pane " + url,
					pane("'x':0,'y':0,'width':1,'height':1,'backgroundImageUrl':'" + url + "'"),
					"mixed.layout.panes[0].backgroundImageUrl"));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileUrls")
	void refusesHostileDestinationsAndImagesWith422BeforeAnyVendorCall(String url, String body, String field)
			throws Exception {
		start("demo-app", body).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://streamrelay.io/problems/destination-not-allowed"))
			.andExpect(jsonPath("$.errors[0].field").value(field));
		assertThat(this.gateway.calls()).isEmpty();
	}

	@Test
	void allowsConfiguredThirdPartyHostsAndImageHosts() throws Exception {
		this.gateway.reset();
		start("demo-app", "{'taskId':'yt-1','channelId':'c','mode':'single','single':{'userId':'u1'},"
				+ "'destinations':['rtmp://a.rtmp.youtube.com/live2/key','rtmp://push.example.com:1935/live/s']}")
			.andExpect(status().isCreated());
		start("demo-app", "{'taskId':'img-1','channelId':'c','mode':'mixed','mixed':{'users':[{'userId':'u1'}],"
				+ "'layout':{'panes':[{'x':0,'y':0,'width':1,'height':1,'backgroundImageUrl':'https://img.example.com/p.png'}]},"
				+ "'background':{'url':'https://IMG.example.com/bg.png?a=1&b=2'}}}")
			.andExpect(status().isCreated());
		assertThat(this.gateway.calls().get(0).spec().destinations())
			.containsExactly("rtmp://a.rtmp.youtube.com/live2/key", "rtmp://push.example.com:1935/live/s");
		assertThat(this.gateway.calls().get(1).spec().mixed().background().url())
			.isEqualTo("https://IMG.example.com/bg.png?a=1&b=2");
		assertThat(this.gateway.calls().get(1).spec().mixed().panes().get(0).backgroundImageUrl())
			.isEqualTo("https://img.example.com/p.png");
	}

	@Test
	void pagesATasksHistoryAndStoresOneEntryForRepeatedNoOpStops() throws Exception {
		start("demo-app", "{'taskId':'hist-1','channelId':'c','mode':'single','single':{'userId':'u1'}}")
			.andExpect(status().isCreated());
		for (String type : new String[] { "audio", "video", "audio_video" }) {
			this.mvc
				.perform(patch("/v1/apps/demo-app/relay-tasks/hist-1").contentType("application/merge-patch+json")
					.content(json("{'single':{'streamType':'" + type + "'}}")))
				.andExpect(status().isOk());
		}
		for (int i = 0; i < 4; i++) {
			this.mvc.perform(delete("/v1/apps/demo-app/relay-tasks/hist-1")).andExpect(status().isOk());
		}
		// start, 3 updates, the stop, one "already stopped" however often it is repeated
		String first = this.mvc.perform(get("/v1/apps/demo-app/relay-tasks/hist-1/events?pageSize=4"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(4))
			.andExpect(jsonPath("$.items[0].action").value("start"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = first.replaceAll(".*\"nextPageToken\":\"([^\"]+)\".*", "$1");
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks/hist-1/events?pageSize=4&pageToken=" + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].action").value("stop"))
			.andExpect(jsonPath("$.items[1].outcome").value("no_call"))
			.andExpect(jsonPath("$.nextPageToken").doesNotExist());
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks/hist-1/events?pageSize=101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("pageSize"));
		this.mvc.perform(get("/v1/apps/demo-app/relay-tasks/hist-1/events?pageToken=bm9wZQ"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("pageToken"));
	}

}
