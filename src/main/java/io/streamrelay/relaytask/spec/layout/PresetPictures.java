package io.streamrelay.relaytask.spec.layout;

import java.util.List;
import java.util.Locale;

import io.streamrelay.relaytask.spec.LayoutPreset;
import io.streamrelay.relaytask.spec.Pane;

/**
 * Draws the panes of a preset as a small SVG (the pictures in docs/layouts, generated
 * from {@link PresetLayouts} itself so that they cannot drift from it).
 */
public final class PresetPictures {

	private static final int WIDTH = 320;

	private PresetPictures() {
	}

	public static String svg(LayoutPreset preset, List<Pane> panes) {
		int height = (int) Math.round(WIDTH * (double) preset.canvasHeight() / preset.canvasWidth());
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(WIDTH)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(height)
			.append("\">\n");
		svg.append("  <title>").append(preset.kind().word()).append(", ").append(panes.size()).append(" users, ");
		svg.append(preset.canvasWidth()).append('x').append(preset.canvasHeight()).append("</title>\n");
		svg.append("  <rect width=\"").append(WIDTH).append("\" height=\"").append(height);
		svg.append("\" fill=\"#222\"/>\n");
		// drawn in zOrder, as the vendor stacks them
		panes.stream().sorted(java.util.Comparator.comparingInt(Pane::zOrder)).forEach((pane) -> {
			double x = pane.x() * WIDTH;
			double y = pane.y() * height;
			double w = pane.width() * WIDTH;
			double h = pane.height() * height;
			svg.append("  <rect x=\"")
				.append(num(x))
				.append("\" y=\"")
				.append(num(y))
				.append("\" width=\"")
				.append(num(w))
				.append("\" height=\"")
				.append(num(h))
				.append("\" fill=\"")
				.append(pane.zOrder() > 0 ? "#e8a33d" : "#3d7be8")
				.append("\" stroke=\"#fff\" stroke-width=\"1\"/>\n");
			svg.append("  <text x=\"")
				.append(num(x + w / 2))
				.append("\" y=\"")
				.append(num(y + h / 2 + 4))
				.append("\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\">")
				.append(pane.userId())
				.append("</text>\n");
		});
		return svg.append("</svg>\n").toString();
	}

	private static String num(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
