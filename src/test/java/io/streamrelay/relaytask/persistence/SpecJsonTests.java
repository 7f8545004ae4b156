package io.streamrelay.relaytask.persistence;

import io.streamrelay.relaytask.spec.RelaySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataRetrievalFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SpecJsonTests {

	private static final String SINGLE = "{\"channelId\":\"ch1\",\"mode\":\"SINGLE\",\"single\":{\"userId\":\"u1\","
			+ "\"streamType\":\"AUDIO_VIDEO\",\"sourceType\":\"CAMERA\"},\"mixed\":null,"
			+ "\"destinations\":[\"rtmp://h/live/s?auth_key=SECRET\"],\"sei\":null,\"maxIdleSeconds\":null,"
			+ "\"region\":null}";

	private final SpecJson json = new SpecJson();

	@Test
	void keepsAuthKeysOfDestinationsIntact() {
		RelaySpec spec = RelayTaskFixtures.mixedSpec("ch1");

		RelaySpec read = this.json.read(this.json.write(spec), "t1", "spec");

		assertThat(read.destinations()).containsExactlyElementsOf(spec.destinations())
			.first()
			.isEqualTo(RelayTaskFixtures.AUTH_DESTINATION);
	}

	@Test
	void writesNullAsNull() {
		assertThat(this.json.write(null)).isNull();
		assertThat(this.json.read(null, "t1", "pending_spec")).isNull();
	}

	@Test
	void readsTheSameSpecWithAndWithoutTheVersionMarker() {
		RelaySpec unmarked = this.json.read(SINGLE, "t1", "spec");

		assertThat(this.json.read("{\"v\":1," + SINGLE.substring(1), "t1", "spec")).isEqualTo(unmarked);
		assertThat(unmarked.single().userId()).isEqualTo("u1");
	}

	@ParameterizedTest(name = "{0} at {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					"region":null                    | "region":null,"addedLater":{"x":1}        | addedLater: unknown property
					"userId":"u1",                   | "userId":"u1","futureFlag":true,          | single.futureFlag: unknown property
					"maxIdleSeconds":null,           | ''                                        | maxIdleSeconds: missing property
					"userId":"u1"                    | "userId":null                             | single.userId: null where a value is required
					"destinations":["rtmp://h/live/s?auth_key=SECRET"] | "destinations":null  | destinations: null where a value is required
					"single":{"userId":"u1","streamType":"AUDIO_VIDEO","sourceType":"CAMERA"} | "single":"u1" | single: invalid value
					"mode":"SINGLE"                  | "mode":"single"                           | mode: invalid value
					"mode":"SINGLE"                  | "mode":0                                  | mode: invalid value
					"maxIdleSeconds":null            | "maxIdleSeconds":"30"                     | maxIdleSeconds: invalid value
					"maxIdleSeconds":null            | "maxIdleSeconds":30.5                     | maxIdleSeconds: invalid value
					""")
	void refusesADocumentThatIsNotExactlyTheStoredShape(String found, String replacement, String problem) {
		String stored = SINGLE.replace(found, replacement);

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t1", "pending_spec"))
			.withMessageStartingWith("Stored pending_spec of relay task 't1' does not match stored version 1 "
					+ "(unmarked) at " + problem)
			.withMessageNotContaining("SECRET")
			.withNoCause();
	}

	@Test
	void namesTheMarkedVersionAndTheIndexOfAnUnknownNestedProperty() {
		String stored = this.json.write(StoredSpecSamples.mixedFull())
			.replace("\"zOrder\":1,", "\"zOrder\":1,\"z\":0,");

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t9", "spec"))
			.withMessage("Stored spec of relay task 't9' does not match stored version 3 at mixed.panes[1].z:"
					+ " unknown property");
	}

	@Test
	void refusesAVersionNewerThanItReads() {
		String stored = "{\"v\":4," + SINGLE.substring(1);

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t1", "spec"))
			.withMessage("Stored spec of relay task 't1' is stored version 4, written by a newer build;"
					+ " this build reads versions up to 3");
	}

	@Test
	void keepsTheTasksOwnMaxDurationSinceVersionThreeAndReadsOlderVersionsAsHavingNone() {
		io.streamrelay.relaytask.spec.RelaySpec spec = StoredSpecSamples.single().withMaxDurationSeconds(3600);

		String stored = this.json.write(spec);

		assertThat(stored).startsWith("{\"v\":3,").endsWith(",\"maxDurationSeconds\":3600}");
		assertThat(this.json.read(stored, "t1", "spec")).isEqualTo(spec);
		assertThat(this.json.read(StoredSpecSamples.sample(StoredSpecSamples.V2, "single"), "t1", "spec")
			.maxDurationSeconds()).isNull();
		assertThat(this.json.read(StoredSpecSamples.sample(StoredSpecSamples.V1, "single"), "t1", "spec")
			.maxDurationSeconds()).isNull();
	}

	@Test
	void keepsALayoutPresetSinceVersionTwo() {
		io.streamrelay.relaytask.spec.RelaySpec spec = StoredSpecSamples.mixedFull();
		io.streamrelay.relaytask.spec.MixedSpec mixed = spec.mixed();
		io.streamrelay.relaytask.spec.RelaySpec withPreset = new io.streamrelay.relaytask.spec.RelaySpec(
				spec.channelId(), spec.mode(), null,
				new io.streamrelay.relaytask.spec.MixedSpec(mixed.users(), mixed.panes(), mixed.background(),
						mixed.encode(),
						new io.streamrelay.relaytask.spec.LayoutPreset(
								io.streamrelay.relaytask.spec.LayoutPreset.Kind.SPEAKER, 720, 1280, "u1", 0.01)),
				spec.destinations(), spec.sei(), spec.maxIdleSeconds(), spec.region());

		assertThat(this.json.read(this.json.write(withPreset), "t1", "spec")).isEqualTo(withPreset);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"1\"", "0", "-1", "1.0", "null", "{}", "4294967297" })
	void refusesAMarkerThatIsNotAVersion(String marker) {
		String stored = "{\"v\":" + marker + "," + SINGLE.substring(1);

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t1", "spec"))
			.withMessage("Stored spec of relay task 't1' has a version marker 'v' that is not a version");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			["rtmp://h/live/s?auth_key=SECRET"]                  | is not a JSON object
			{"channelId":"SECRET"                                | cannot be parsed as JSON
			{"v":1,"v":1,"channelId":"SECRET"}                   | cannot be parsed as JSON
			{"channelId":"ch1"} {"channelId":"SECRET"}           | cannot be parsed as JSON
			""")
	void refusesTextThatIsNoStoredDocumentWithoutQuotingIt(String stored, String problem) {
		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t1", "spec"))
			.withMessageStartingWith("Stored spec of relay task 't1' " + problem)
			.withMessageNotContaining("SECRET")
			.withNoCause();
	}

}
