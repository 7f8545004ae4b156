package io.streamrelay.relaytask.spec.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.streamrelay.relaytask.spec.LayoutPreset;
import io.streamrelay.relaytask.spec.LayoutPreset.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's preset pictures (docs/layouts/*.svg) are drawn by {@link PresetPictures}
 * from {@link PresetLayouts}: this test fails when a checked-in picture is stale.
 * Regenerate with {@code -Dlayouts.write=true}.
 */
class PresetPicturesTest {

	private static final Path DIR = Path.of("docs", "layouts");

	static Map<String, String> pictures() {
		Map<String, String> pictures = new LinkedHashMap<>();
		picture(pictures, "grid-5", new LayoutPreset(Kind.GRID, 1280, 720, null, 0.01), 5);
		picture(pictures, "grid-9", new LayoutPreset(Kind.GRID, 1280, 720, null, 0.01), 9);
		picture(pictures, "speaker-4-landscape", new LayoutPreset(Kind.SPEAKER, 1280, 720, null, 0.01), 4);
		picture(pictures, "speaker-4-portrait", new LayoutPreset(Kind.SPEAKER, 720, 1280, null, 0.01), 4);
		picture(pictures, "side-by-side", new LayoutPreset(Kind.SIDE_BY_SIDE, 1280, 720, null, 0), 2);
		picture(pictures, "pk", new LayoutPreset(Kind.PK, 1280, 720, null, 0), 2);
		picture(pictures, "pip-3", new LayoutPreset(Kind.PIP, 1280, 720, null, 0.02), 3);
		return pictures;
	}

	private static void picture(Map<String, String> pictures, String name, LayoutPreset preset, int users) {
		List<io.streamrelay.relaytask.spec.MixedUser> list = PresetLayoutsPropertyTest.users(users);
		pictures.put(name + ".svg", PresetPictures.svg(preset, PresetLayouts.compute(preset, list)));
	}

	@Test
	void theCheckedInPicturesAreTheOnesTheCodeDraws() throws IOException {
		Map<String, String> pictures = pictures();
		if (Boolean.getBoolean("layouts.write")) {
			Files.createDirectories(DIR);
			for (Map.Entry<String, String> picture : pictures.entrySet()) {
				Files.writeString(DIR.resolve(picture.getKey()), picture.getValue(), StandardCharsets.UTF_8);
			}
		}
		for (Map.Entry<String, String> picture : pictures.entrySet()) {
			Path file = DIR.resolve(picture.getKey());
			assertThat(file).as("%s missing: run with -Dlayouts.write=true", file).exists();
			assertThat(Files.readString(file, StandardCharsets.UTF_8))
				.as("%s is stale: run this test with -Dlayouts.write=true", file)
				.isEqualTo(picture.getValue());
		}
	}

}
