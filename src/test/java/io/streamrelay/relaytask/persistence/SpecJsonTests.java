package io.streamrelay.relaytask.persistence;

import java.util.List;
import java.util.stream.Stream;

import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SeiSettings.PassThrough;
import io.streamrelay.relaytask.spec.SingleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.dao.DataRetrievalFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SpecJsonTests {

	private final SpecJson json = new SpecJson();

	static Stream<Arguments> specs() {
		MixedSpec audioOnly = new MixedSpec(List.of(new MixedUser("u1", null, null, null)), null, null,
				new Encode(true, 64, 1, 16000, null, null, null, null, null, null, null, null));
		return Stream.of(Arguments.of("single", RelayTaskFixtures.singleSpec("ch1")),
				Arguments.of("single with defaults and no destinations",
						new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null, null, null,
								null, null)),
				Arguments.of("mixed with panes, encode, background, SEI pass-through",
						RelayTaskFixtures.mixedSpec("ch1")),
				Arguments.of("mixed audio-only without panes", new RelaySpec("ch1", RelayMode.MIXED, null, audioOnly,
						null, new SeiSettings(5, null, new PassThrough(1000, false, "", null)), 30, null)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("specs")
	void readsBackWhatItWrote(String name, RelaySpec spec) {
		assertThat(this.json.read(this.json.write(spec), "t1", "spec")).isEqualTo(spec);
	}

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
	void ignoresFieldsAddedByANewerVersion() {
		String stored = "{\"channelId\":\"ch1\",\"mode\":\"SINGLE\",\"single\":{\"userId\":\"u1\",\"futureFlag\":true},"
				+ "\"destinations\":[],\"addedLater\":{\"x\":1}}";

		RelaySpec spec = this.json.read(stored, "t1", "spec");

		assertThat(spec.single().userId()).isEqualTo("u1");
	}

	@Test
	void reportsUnreadableSpecWithoutQuotingIt() {
		String stored = "{\"channelId\":\"ch1\",\"mode\":\"SINGLE\",\"destinations\":[\"rtmp://h/live/s?auth_key=SECRET\"],"
				+ "\"single\":{\"userId\":\"u1\"},\"maxIdleSeconds\":\"not-a-number SECRET\"}";

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t1", "spec"))
			.withMessageContaining("relay task 't1'")
			.withMessageContaining("maxIdleSeconds")
			.withMessageNotContaining("SECRET")
			.withNoCause();
	}

	@Test
	void reportsSpecThatBreaksAnInvariantAsUnreadable() {
		String stored = "{\"channelId\":\"ch1\",\"destinations\":[]}";

		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> this.json.read(stored, "t1", "spec"))
			.withMessageContaining("relay task 't1'");
	}

}
