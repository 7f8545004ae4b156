package io.streamrelay.relaytask.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import io.streamrelay.relaytask.spec.Background;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.RenderMode;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SeiSettings.PassThrough;
import io.streamrelay.relaytask.spec.SeiSettings.SeiTiming;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.SourceType;
import io.streamrelay.relaytask.spec.StreamType;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The specs behind the fixed JSON samples under {@code stored-spec/}, one per spec shape,
 * built by hand so that reading a sample is compared with what it must mean.
 */
final class StoredSpecSamples {

	/** Written by the code before stored versions existed: no marker, same shape as 1. */
	static final String UNMARKED = "unmarked";

	/** The newest stored version, the one written now. */
	static final String NEWEST = "v3";

	/** Version 2: version 3 without maxDurationSeconds (the task's own max duration). */
	static final String V2 = "v2";

	/** Version 1: version 2 without mixed.preset (layout presets). */
	static final String V1 = "v1";

	private StoredSpecSamples() {
	}

	/** Every stored version: the samples of each must read as {@link #specs()}. */
	static List<String> versions() {
		return List.of(UNMARKED, V1, V2, NEWEST);
	}

	static Stream<Arguments> specs() {
		return Stream.of(Arguments.of("single", single()), Arguments.of("single-minimal", singleMinimal()),
				Arguments.of("single-with-sei", singleWithSei()), Arguments.of("mixed-full", mixedFull()),
				Arguments.of("mixed-audio-only", mixedAudioOnly()), Arguments.of("mixed-minimal", mixedMinimal()));
	}

	/** The text of one sample, exactly as stored (the file's final newline aside). */
	static String sample(String version, String name) {
		String resource = "stored-spec/" + version + "/" + name + ".json";
		try (InputStream in = StoredSpecSamples.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("no sample " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static RelaySpec single() {
		return new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", StreamType.VIDEO, SourceType.SCREEN), null,
				List.of(RelayTaskFixtures.AUTH_DESTINATION), null, 120, "cn-shanghai");
	}

	static RelaySpec singleMinimal() {
		return new RelaySpec("ch1", RelayMode.SINGLE, new SingleSource("u1", null, null), null, null, null, null, null);
	}

	static RelaySpec singleWithSei() {
		SeiSettings sei = new SeiSettings(5, new SeiTiming(1000, false), null);
		return new RelaySpec("ch-sei", RelayMode.SINGLE, new SingleSource("u9", StreamType.AUDIO, SourceType.CAMERA),
				null, List.of("rtmp://push.example.com/live/a", "rtmp://push.example.com/live/b"), sei, null, null);
	}

	/** Every optional part of a spec set. */
	static RelaySpec mixedFull() {
		MixedSpec mixed = new MixedSpec(
				List.of(new MixedUser("u1", StreamType.AUDIO_VIDEO, SourceType.CAMERA, null),
						new MixedUser("u2", StreamType.VIDEO, SourceType.SCREEN, "other-channel")),
				List.of(new Pane(0, 0, 0.5, 1, 0, RenderMode.FIT, "u1", SourceType.CAMERA, null),
						new Pane(0.5, 0.1, 0.5, 0.333333333333, 1, RenderMode.CROP, null, null,
								"https://img.example.com/pane.png?x=1&y=2")),
				new Background("https://img.example.com/bg.jpg", RenderMode.FIT),
				new Encode(false, 96, 1, 48000, Encode.H265, 1500, 30, 60, 1920, 1080, "main", "veryfast"));
		SeiSettings sei = new SeiSettings(100, new SeiTiming(2000, true),
				new PassThrough(3000, true, "{\"scene\":\"pk\",\"note\":\"quotes \\\" and ünïcode\"}", "udd"));
		return new RelaySpec("ch1", RelayMode.MIXED, null, mixed,
				List.of(RelayTaskFixtures.AUTH_DESTINATION, "rtmp://backup.example.com/live/ch1?auth_key=1-0-0-abc"),
				sei, 300, "cn-hangzhou");
	}

	static RelaySpec mixedAudioOnly() {
		MixedSpec mixed = new MixedSpec(List.of(new MixedUser("u1", StreamType.AUDIO, null, null)), null, null,
				new Encode(true, 64, 1, 16000, null, null, null, null, null, null, null, null));
		return new RelaySpec("ch1", RelayMode.MIXED, null, mixed, List.of("rtmp://push.example.com/live/audio"),
				new SeiSettings(null, null, new PassThrough(null, false, "", null)), 30, null);
	}

	static RelaySpec mixedMinimal() {
		MixedSpec mixed = new MixedSpec(List.of(new MixedUser("u1", null, null, null)), null, null, null);
		return new RelaySpec("ch1", RelayMode.MIXED, null, mixed, null, null, null, null);
	}

}
