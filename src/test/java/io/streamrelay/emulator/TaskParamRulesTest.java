package io.streamrelay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskParamRulesTest {

	private static final String ENCODE = "\"AudioOnly\":\"false\",\"AudioBitrate\":\"128\",\"AudioChannels\":\"2\","
			+ "\"AudioSampleRate\":\"48000\",\"VideoBitrate\":\"2000\",\"VideoFramerate\":\"25\",\"VideoGop\":\"50\","
			+ "\"VideoWidth\":\"720\",\"VideoHeight\":\"1280\"";

	private static Map<String, String> single() {
		Map<String, String> params = new HashMap<>();
		params.put("AppId", "app1");
		params.put("ChannelId", "ch1");
		params.put("TaskId", "t1");
		params.put("MixMode", "0");
		params.put("StreamURL", "rtmp://push.example.com/live/s1");
		params.put("SingleSubParams", "{\"UserId\":\"u1\"}");
		return params;
	}

	private static Map<String, String> mixed(String transcode) {
		Map<String, String> params = single();
		params.remove("SingleSubParams");
		params.put("MixMode", "1");
		params.put("TranscodeParams", transcode);
		return params;
	}

	@Test
	void acceptsMinimalSingleStreamStartAndKeepsOnlyTaskParameters() {
		Map<String, String> params = single();
		params.put("Signature", "x");

		TaskSpec spec = TaskParamRules.start(params);

		assertThat(spec.streamUrls()).containsExactly("rtmp://push.example.com/live/s1");
		assertThat(spec.params()).containsOnlyKeys("AppId", "ChannelId", "TaskId", "MixMode", "StreamURL",
				"SingleSubParams");
	}

	@ParameterizedTest
	@ValueSource(strings = { "AppId", "ChannelId", "TaskId", "MixMode", "StreamURL", "SingleSubParams" })
	void requiresStartParameter(String name) {
		Map<String, String> params = single();
		params.remove(name);

		assertCode(params, "MissingParam");
	}

	@ParameterizedTest(name = "[{index}] {0}={1}")
	@CsvSource(delimiter = '|', value = { "AppId|app 1", "AppId|app.1",
			"ChannelId|0123456789012345678901234567890123456789012345678901234567890123x",
			"TaskId|0123456789012345678901234567890123456789012345678901234x", "TaskId|t=1", "MixMode|2",
			"StreamURL|http://push.example.com/live/s1", "StreamURL|rtmp://", "MaxIdleTime|9", "MaxIdleTime|86401",
			"MaxIdleTime|30.5", "MaxIdleTime|abc", "Region|cn-shanghai", "Region|EU-Frankfurt",
			"SingleSubParams|{\"StreamType\":\"0\"}", "SingleSubParams|{\"UserId\":\"u1\",\"StreamType\":\"3\"}",
			"SingleSubParams|{\"UserId\":\"u1\",\"SourceType\":\"screen\"}", "SingleSubParams|[1]",
			"SingleSubParams|{not json", "SeiParams|{\"PayloadType\":\"6\"}", "SeiParams|{\"PayloadType\":\"255\"}",
			"SeiParams|{\"LayoutVolume\":{\"Interval\":\"999\"}}", "SeiParams|{\"PassThrough\":{\"Interval\":5001}}",
			"SeiParams|{\"LayoutVolume\":{\"FollowIdr\":\"2\"}}" })
	void rejectsInvalidStartValue(String name, String value) {
		Map<String, String> params = single();
		params.put(name, value);

		assertThatThrownBy(() -> TaskParamRules.start(params)).isInstanceOf(ApiError.class)
			.extracting("code")
			.isIn("InvalidParam", "MissingParam");
	}

	@ParameterizedTest
	@ValueSource(strings = { "100", "254", "\"100\"" })
	void acceptsDocumentedSeiPayloadTypes(String payloadType) {
		Map<String, String> params = single();
		params.put("SeiParams",
				"{\"PayloadType\":" + (payloadType.startsWith("\"") ? payloadType : "\"" + payloadType + "\"")
						+ ",\"LayoutVolume\":{\"Interval\":1000,\"FollowIdr\":\"1\"}}");

		assertThat(TaskParamRules.start(params).params()).containsKey("SeiParams");
	}

	@Test
	void rejectsStreamUrlLongerThan2048() {
		Map<String, String> params = single();
		params.put("StreamURL", "rtmp://h/" + "a".repeat(2040));

		assertCode(params, "InvalidParam");
	}

	@Test
	void rejectsBothStreamUrlAndMultiStreamUrl() {
		Map<String, String> params = single();
		params.put("MultiStreamURL", "[{\"URL\":\"rtmp://push.example.com/live/s2\",\"IsAliCdn\":true}]");

		assertCode(params, "InvalidParam");
	}

	@Test
	void acceptsMultiStreamUrlAndCollectsEveryUrl() {
		Map<String, String> params = single();
		params.remove("StreamURL");
		params.put("MultiStreamURL", "[{\"URL\":\"rtmp://a/live/s\",\"IsAliCdn\":true},{\"URL\":\"rtmp://b/live/s\"}]");

		assertThat(TaskParamRules.start(params).streamUrls()).containsExactly("rtmp://a/live/s", "rtmp://b/live/s");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "{}", "[{\"IsAliCdn\":true}]", "[{\"URL\":\"http://a/live/s\"}]",
			"[{\"URL\":\"rtmp://a/live/s\"},{\"URL\":\"rtmp://a/live/s\"}]",
			"[{\"URL\":\"rtmp://a/s\",\"IsAliCdn\":\"x\"}]" })
	void rejectsInvalidMultiStreamUrl(String value) {
		Map<String, String> params = single();
		params.remove("StreamURL");
		params.put("MultiStreamURL", value);

		assertThatThrownBy(() -> TaskParamRules.start(params)).isInstanceOf(ApiError.class);
	}

	@Test
	void rejectsTranscodeParamsOnSingleStreamTask() {
		Map<String, String> params = single();
		params.put("TranscodeParams", "{}");

		assertCode(params, "InvalidParam");
	}

	@Test
	void rejectsSingleSubParamsOnMixedTask() {
		Map<String, String> params = mixed("{}");
		params.put("SingleSubParams", "{\"UserId\":\"u1\"}");

		assertCode(params, "InvalidParam");
	}

	@Test
	void requiresTranscodeParamsOnMixedTask() {
		Map<String, String> params = mixed("{}");
		params.remove("TranscodeParams");

		assertCode(params, "MissingParam");
	}

	@Test
	void acceptsGsonEscapedMixedParamsWithNumbersOrStrings() {
		String transcode = "{\"UserInfos\":[{\"UserId\":\"u1\"}],\"Layout\":{\"UserPanes\":[{\"X\":0,\"Y\":\"0.5\","
				+ "\"Width\":1,\"Height\":\"0.5\",\"ZOrder\":\"2\",\"BackgroundImageUrl\":\"https://i/b.png?a\\u003d1\\u0026b\\u003d2\","
				+ "\"UserInfo\":{\"UserId\":\"u1\"}}]},\"EncodeParams\":{" + ENCODE
				+ ",\"VideoCodec\":\"H.265\",\"EnhancedParam\":\"{\\\"profile\\\":\\\"main\\\"}\"}}";

		assertThat(TaskParamRules.start(mixed(transcode)).mixMode()).isEqualTo("1");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "{\"X\":\"-0.1\"}", "{\"X\":\"1.1\"}", "{\"Y\":2}", "{\"Width\":\"0\"}",
			"{\"Height\":\"1.01\"}", "{\"ZOrder\":\"-1\"}", "{\"RenderMode\":\"2\"}", "{\"X\":\"abc\"}",
			"{\"UserInfo\":{\"UserId\":\"stranger\"}}" })
	void rejectsInvalidPane(String pane) {
		String transcode = "{\"UserInfos\":[{\"UserId\":\"u1\"}],\"Layout\":{\"UserPanes\":[" + pane + "]}}";

		assertCode(mixed(transcode), "InvalidParam");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "\"AudioBitrate\":\"7\"", "\"AudioBitrate\":\"501\"", "\"AudioChannels\":\"3\"",
			"\"AudioSampleRate\":\"22050\"", "\"VideoBitrate\":\"0\"", "\"VideoBitrate\":\"10001\"",
			"\"VideoFramerate\":\"61\"", "\"VideoGop\":\"0\"", "\"VideoWidth\":\"1921\"", "\"VideoHeight\":\"-1\"",
			"\"VideoCodec\":\"VP8\"", "\"EnhancedParam\":\"not json\"", "\"AudioOnly\":\"yes\"" })
	void rejectsEncodeValueOutOfDocumentedRange(String override) {
		// a later duplicate key wins in Jackson's tree model, so the override replaces
		// the valid value
		String transcode = "{\"EncodeParams\":{" + ENCODE + "," + override + "}}";

		assertCode(mixed(transcode), "InvalidParam");
	}

	@ParameterizedTest
	@ValueSource(strings = { "AudioBitrate", "AudioChannels", "AudioSampleRate", "VideoBitrate", "VideoFramerate",
			"VideoGop", "VideoWidth", "VideoHeight" })
	void requiresEveryEncodeFieldUnlessAudioOnly(String field) {
		String encode = ENCODE.replaceAll("\"" + field + "\":\"[^\"]*\",?", "").replaceAll(",$", "");

		assertCode(mixed("{\"EncodeParams\":{" + encode + "}}"), "MissingParam");
		assertThat(TaskParamRules.start(mixed("{\"EncodeParams\":{\"AudioOnly\":\"true\",\"AudioBitrate\":\"64\"}}"))
			.mixMode()).isEqualTo("1");
	}

	@Test
	void updateSwitchingToMixedDropsSingleSubParamsAndKeepsUrl() {
		EmulatedTask current = EmulatorStateTest.taskFrom(TaskParamRules.start(single()));
		Map<String, String> changes = TaskParamRules.updateChanges(Map.of("AppId", "app1", "ChannelId", "ch1", "TaskId",
				"t1", "MixMode", "1", "TranscodeParams", "{\"EncodeParams\":{\"AudioOnly\":\"true\"}}"));

		TaskSpec merged = TaskParamRules.merge(current, "ch1", changes);

		assertThat(merged.params()).doesNotContainKey("SingleSubParams")
			.containsEntry("StreamURL", "rtmp://push.example.com/live/s1")
			.containsEntry("MixMode", "1");
	}

	@Test
	void updateToMixedWithoutTranscodeParamsIsMissingParam() {
		EmulatedTask current = EmulatorStateTest.taskFrom(TaskParamRules.start(single()));
		Map<String, String> changes = TaskParamRules
			.updateChanges(Map.of("AppId", "app1", "ChannelId", "ch1", "TaskId", "t1", "MixMode", "1"));

		assertThatThrownBy(() -> TaskParamRules.merge(current, "ch1", changes)).extracting("code")
			.isEqualTo("MissingParam");
	}

	@Test
	void updateOfAnotherChannelIsInvalid() {
		EmulatedTask current = EmulatorStateTest.taskFrom(TaskParamRules.start(single()));

		assertThatThrownBy(() -> TaskParamRules.merge(current, "ch2", Map.of())).extracting("code")
			.isEqualTo("InvalidParam");
	}

	private static void assertCode(Map<String, String> params, String code) {
		assertThatThrownBy(() -> TaskParamRules.start(params)).isInstanceOf(ApiError.class)
			.extracting("code")
			.isEqualTo(code);
	}

}
