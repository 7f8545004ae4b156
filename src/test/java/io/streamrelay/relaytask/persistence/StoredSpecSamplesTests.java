package io.streamrelay.relaytask.persistence;

import java.util.List;
import java.util.stream.Stream;

import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.RenderMode;
import io.streamrelay.relaytask.spec.SeiSettings.PassThrough;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.streamrelay.relaytask.persistence.StoredSpecSamples.NEWEST;
import static io.streamrelay.relaytask.persistence.StoredSpecSamples.UNMARKED;
import static io.streamrelay.relaytask.persistence.StoredSpecSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixed samples under {@code stored-spec/}: {@code unmarked/} is exactly what the
 * code wrote before stored versions existed, {@code v1/} what is written now.
 */
class StoredSpecSamplesTests {

	private final SpecJson json = new SpecJson();

	static Stream<Arguments> everyVersionAndShape() {
		return StoredSpecSamples.versions()
			.stream()
			.flatMap((version) -> StoredSpecSamples.specs()
				.map((spec) -> Arguments.of(version, spec.get()[0], spec.get()[1])));
	}

	@ParameterizedTest(name = "{0}/{1}")
	@MethodSource("everyVersionAndShape")
	void readsEveryStoredSampleFieldByField(String version, String name, RelaySpec expected) {
		RelaySpec read = this.json.read(sample(version, name), "t1", "spec");

		assertThat(read).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(expected);
		assertThat(read).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.streamrelay.relaytask.persistence.StoredSpecSamples#specs")
	void writesExactlyTheSampleOfTheNewestVersion(String name, RelaySpec spec) {
		assertThat(this.json.write(spec)).isEqualTo(sample(NEWEST, name));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.streamrelay.relaytask.persistence.StoredSpecSamples#specs")
	void readsWhatItWroteAsAnEqualSpec(String name, RelaySpec spec) {
		assertThat(this.json.read(this.json.write(spec), "t1", "spec")).usingRecursiveComparison()
			.withStrictTypeChecking()
			.isEqualTo(spec);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.streamrelay.relaytask.persistence.StoredSpecSamples#specs")
	void versionOneIsThePreviousShapeWithAMarker(String name, RelaySpec spec) {
		assertThat(sample(StoredSpecSamples.V1, name)).isEqualTo("{\"v\":1," + sample(UNMARKED, name).substring(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.streamrelay.relaytask.persistence.StoredSpecSamples#specs")
	void versionTwoIsVersionOneWithALayoutPresetOfMixedSpecs(String name, RelaySpec spec) {
		String v1 = sample(StoredSpecSamples.V1, name);
		String expected = "{\"v\":2," + v1.substring(v1.indexOf(',') + 1);
		if (spec.mixed() != null) {
			expected = expected.replace("},\"destinations\"", ",\"preset\":null},\"destinations\"");
		}
		assertThat(sample(StoredSpecSamples.V2, name)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.streamrelay.relaytask.persistence.StoredSpecSamples#specs")
	void versionThreeIsVersionTwoWithTheTasksOwnMaxDuration(String name, RelaySpec spec) {
		String v2 = sample(StoredSpecSamples.V2, name);
		String expected = "{\"v\":3," + v2.substring(v2.indexOf(',') + 1, v2.length() - 1)
				+ ",\"maxDurationSeconds\":null}";
		assertThat(sample(NEWEST, name)).isEqualTo(expected);
	}

	/** Guards against the samples and the expected specs being wrong in the same way. */
	@Test
	void readsTheValuesWrittenInTheFullPreviousSample() {
		RelaySpec read = this.json.read(sample(UNMARKED, "mixed-full"), "t1", "spec");

		assertThat(read.channelId()).isEqualTo("ch1");
		assertThat(read.destinations()).hasSize(2).first().asString().endsWith("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
		assertThat(read.mixed().users()).extracting((user) -> user.channelId()).containsExactly(null, "other-channel");
		List<Pane> panes = read.mixed().panes();
		assertThat(panes.get(1).height()).isEqualTo(0.333333333333);
		assertThat(panes.get(1).backgroundImageUrl()).isEqualTo("https://img.example.com/pane.png?x=1&y=2");
		assertThat(read.mixed().background().renderMode()).isEqualTo(RenderMode.FIT);
		assertThat(read.mixed().encode().preset()).isEqualTo("veryfast");
		PassThrough pass = read.sei().passThrough();
		assertThat(pass.content()).isEqualTo("{\"scene\":\"pk\",\"note\":\"quotes \\\" and ünïcode\"}");
		assertThat(read.sei().layoutVolume().followIdr()).isTrue();
		assertThat(read.maxIdleSeconds()).isEqualTo(300);
		assertThat(read.region()).isEqualTo("cn-hangzhou");
	}

}
