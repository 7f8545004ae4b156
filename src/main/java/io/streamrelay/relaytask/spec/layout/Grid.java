package io.streamrelay.relaytask.spec.layout;

import java.util.ArrayList;
import java.util.List;

import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;

/**
 * The grid preset: the smallest near-square grid (columns = ceil(sqrt(n))), cells of the
 * canvas's aspect ratio, the block centred, the last row centred.
 */
final class Grid {

	private Grid() {
	}

	static List<Pane> panes(List<MixedUser> shown, double g) {
		int n = shown.size();
		int cols = (int) Math.ceil(Math.sqrt(n));
		int rows = (int) Math.ceil(n / (double) cols);
		// a cell of the canvas's aspect is as wide as it is high in canvas fractions
		double size = Math.min((1 - (cols + 1) * g) / cols, (1 - (rows + 1) * g) / rows);
		double top = (1 - rows * size - (rows - 1) * g) / 2;
		List<Pane> panes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int row = i / cols;
			int inRow = Math.min(cols, n - row * cols);
			double left = (1 - inRow * size - (inRow - 1) * g) / 2;
			int col = i % cols;
			panes.add(PresetLayouts.pane(left + col * (size + g), top + row * (size + g), size, size, 0, shown.get(i)));
		}
		return panes;
	}

}
