package io.streamrelay.relaytask.spec;

import java.util.Locale;
import java.util.Objects;

/**
 * A named layout the service computes the panes of, instead of hand-written panes: the
 * preset, the canvas in pixels, the speaker (for speaker and pip) and the gap between
 * panes as a fraction of the canvas (0-0.05).
 */
public record LayoutPreset(Kind kind, int canvasWidth, int canvasHeight, String speaker, double gap) {

	/** The presets. */
	public enum Kind {

		GRID, SPEAKER, SIDE_BY_SIDE, PIP, PK;

		/** The JSON word: grid, speaker, side-by-side, pip, pk. */
		public String word() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		public static Kind of(String word) {
			return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

	public LayoutPreset {
		Objects.requireNonNull(kind, "kind");
	}

	public boolean landscape() {
		return this.canvasWidth >= this.canvasHeight;
	}

}
