package io.streamrelay.relaytask.api;

import java.util.List;

import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.LayoutPreset;

/**
 * Maps {@code mixed.layout}'s preset fields to the core's {@link LayoutPreset} and back.
 */
final class LayoutMapper {

	static final int DEFAULT_WIDTH = 1280;

	static final int DEFAULT_HEIGHT = 720;

	private LayoutMapper() {
	}

	/**
	 * The preset of a layout, or null for hand-written panes; the canvas defaults to the
	 * encode's video size.
	 */
	static LayoutPreset preset(RelaySpecBody.Layout layout, Encode encode) {
		if (layout == null || layout.preset() == null) {
			if (layout != null && (layout.canvas() != null || layout.speaker() != null || layout.gap() != null)) {
				throw new InvalidRelaySpec("mixed.layout.preset", "is required with canvas, speaker or gap");
			}
			return null;
		}
		int width = DEFAULT_WIDTH;
		int height = DEFAULT_HEIGHT;
		if (layout.canvas() != null) {
			width = layout.canvas().width();
			height = layout.canvas().height();
		}
		else if (encode != null && positive(encode.videoWidth()) && positive(encode.videoHeight())) {
			width = encode.videoWidth();
			height = encode.videoHeight();
		}
		return new LayoutPreset(LayoutPreset.Kind.of(layout.preset()), width, height, layout.speaker(),
				layout.gap() == null ? 0 : layout.gap());
	}

	static RelaySpecBody.Layout toBody(List<RelaySpecBody.Pane> panes, LayoutPreset preset) {
		if (preset == null) {
			return panes.isEmpty() ? null : new RelaySpecBody.Layout(panes);
		}
		return new RelaySpecBody.Layout(panes, preset.kind().word(),
				new RelaySpecBody.Canvas(preset.canvasWidth(), preset.canvasHeight()), preset.speaker(), preset.gap());
	}

	private static boolean positive(Integer value) {
		return value != null && value > 0;
	}

}
