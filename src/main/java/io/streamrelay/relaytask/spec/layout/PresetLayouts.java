package io.streamrelay.relaytask.spec.layout;

import java.util.ArrayList;
import java.util.List;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.LayoutPreset;
import io.streamrelay.relaytask.spec.LayoutPreset.Kind;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.StreamType;

/**
 * Computes the panes of a layout preset: deterministic, every pane inside [0,1], no two
 * overlapping except in pip, one pane per user with video, in the users' order (the
 * speaker first where there is one). Coordinates are fractions of the canvas, as the
 * vendor takes them (docs/aliyun-mpu-api.md §2.4).
 */
public final class PresetLayouts {

	/** The divider between the two panes of pk when no gap is given. */
	static final double PK_DIVIDER = 0.02;

	/** The share of the canvas the strip of the speaker preset takes. */
	static final double STRIP = 0.25;

	/** The largest side of a small pip pane. */
	static final double PIP_SIZE = 0.25;

	private PresetLayouts() {
	}

	public static List<Pane> compute(LayoutPreset preset, List<MixedUser> users) {
		List<MixedUser> shown = ordered(preset, users);
		double g = preset.gap();
		return switch (preset.kind()) {
			case GRID -> Grid.panes(shown, g);
			case SPEAKER -> speaker(shown, g, preset.landscape());
			case SIDE_BY_SIDE -> pair(preset, shown, g, g);
			case PK -> pair(preset, shown, 0, g > 0 ? g : PK_DIVIDER);
			case PIP -> pip(shown, Math.max(g, 0.02));
		};
	}

	/** Users with video, the speaker first; refuses what the preset cannot lay out. */
	private static List<MixedUser> ordered(LayoutPreset preset, List<MixedUser> users) {
		if (users.isEmpty()) {
			throw new InvalidRelaySpec("mixed.layout.preset", "needs mixed.users: the panes are computed per user");
		}
		List<MixedUser> shown = new ArrayList<>(
				users.stream().filter((u) -> u.streamType() != StreamType.AUDIO).toList());
		if (shown.isEmpty()) {
			throw new InvalidRelaySpec("mixed.layout.preset",
					"needs at least one user whose streamType includes video");
		}
		if (preset.speaker() != null) {
			MixedUser speaker = shown.stream()
				.filter((u) -> u.userId().equals(preset.speaker()))
				.findFirst()
				.orElseThrow(() -> new InvalidRelaySpec("mixed.layout.speaker",
						"must name a user of mixed.users whose streamType includes video"));
			shown.remove(speaker);
			shown.add(0, speaker);
		}
		boolean pair = preset.kind() == Kind.SIDE_BY_SIDE || preset.kind() == Kind.PK;
		if (pair && shown.size() != 2) {
			throw new InvalidRelaySpec("mixed.layout.preset",
					preset.kind().word() + " needs exactly 2 users with video, not " + shown.size());
		}
		return shown;
	}

	/**
	 * Two equal halves: left/right on a landscape canvas, top/bottom on a portrait one.
	 */
	private static List<Pane> pair(LayoutPreset preset, List<MixedUser> shown, double margin, double divider) {
		double size = (1 - 2 * margin - divider) / 2;
		double across = 1 - 2 * margin;
		List<Pane> panes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			double along = margin + i * (size + divider);
			panes.add(preset.landscape() ? pane(along, margin, size, across, 0, shown.get(i))
					: pane(margin, along, across, size, 0, shown.get(i)));
		}
		return panes;
	}

	/**
	 * The speaker large, the others in a strip: right of a landscape canvas, below a
	 * portrait one.
	 */
	private static List<Pane> speaker(List<MixedUser> shown, double g, boolean landscape) {
		List<Pane> panes = new ArrayList<>();
		int others = shown.size() - 1;
		double main = others == 0 ? 1 - 2 * g : 1 - STRIP - 2 * g;
		panes.add(landscape ? pane(g, g, main, 1 - 2 * g, 0, shown.get(0))
				: pane(g, g, 1 - 2 * g, main, 0, shown.get(0)));
		double stripStart = 1 - STRIP;
		double cell = (1 - (others + 1) * g) / Math.max(others, 1);
		for (int i = 1; i <= others; i++) {
			double along = g + (i - 1) * (cell + g);
			panes.add(landscape ? pane(stripStart, along, STRIP - g, cell, 0, shown.get(i))
					: pane(along, stripStart, cell, STRIP - g, 0, shown.get(i)));
		}
		return panes;
	}

	/** The speaker full screen, the others small in the bottom-right corner, on top. */
	private static List<Pane> pip(List<MixedUser> shown, double margin) {
		List<Pane> panes = new ArrayList<>();
		panes.add(pane(0, 0, 1, 1, 0, shown.get(0)));
		int others = shown.size() - 1;
		double size = Math.min(PIP_SIZE, (1 - (others + 1) * margin) / Math.max(others, 1));
		for (int i = 1; i <= others; i++) {
			double x = 1 - margin - i * size - (i - 1) * margin;
			panes.add(pane(x, 1 - margin - size, size, size, 1, shown.get(i)));
		}
		return panes;
	}

	static Pane pane(double x, double y, double width, double height, int zOrder, MixedUser user) {
		return new Pane(x, y, width, height, zOrder, null, user.userId(), user.sourceType(), null);
	}

}
