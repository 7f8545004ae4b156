package io.streamrelay.relaytask.spec.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.LayoutPreset;
import io.streamrelay.relaytask.spec.LayoutPreset.Kind;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.RelaySpecRules;
import io.streamrelay.relaytask.spec.StreamType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Property-style checks of every preset, with plain loops: exhaustively over 1-16 users,
 * common canvases and gaps, then over seeded random canvases and gaps (the seed is
 * printed; replay with {@code -Dpresets.seed=}). Every pane inside [0,1], no overlap
 * (except pip), each user with video exactly one pane, stable order, and the hand-written
 * pane rules (docs/aliyun-mpu-api.md §2.4) satisfied.
 */
class PresetLayoutsPropertyTest {

	private static final int[][] CANVASES = { { 1280, 720 }, { 720, 1280 }, { 1920, 1080 }, { 1080, 1920 },
			{ 640, 480 }, { 1000, 1000 } };

	private static final double[] GAPS = { 0, 0.01, 0.05 };

	private static final double EPSILON = 1e-9;

	@Test
	void everyPresetHoldsForOneToSixteenUsersOnCommonCanvases() {
		int checked = 0;
		for (Kind kind : Kind.values()) {
			for (int[] canvas : CANVASES) {
				for (double gap : GAPS) {
					for (int n = 1; n <= 16; n++) {
						checked += check(new LayoutPreset(kind, canvas[0], canvas[1], null, gap), users(n)) ? 1 : 0;
					}
				}
			}
		}
		System.out.println("[presets] exhaustive: " + checked + " layouts checked");
		// 5 presets x 6 canvases x 3 gaps x 16 counts, less the pairs (2 users only)
		assertThat(checked).isEqualTo(5 * 6 * 3 * 16 - 2 * 6 * 3 * 15);
	}

	@Test
	void everyPresetHoldsForRandomCanvasesGapsSpeakersAndAudioOnlyUsers() {
		long seed = Long.getLong("presets.seed", System.nanoTime());
		System.out.println("[presets] seed " + seed + " (replay with -Dpresets.seed=" + seed + ")");
		Random random = new Random(seed);
		for (int round = 0; round < 3000; round++) {
			Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
			int n = 1 + random.nextInt(16);
			List<MixedUser> users = new ArrayList<>(users(n));
			// some users without video: they get no pane
			int audio = random.nextInt(3) == 0 ? random.nextInt(n) : 0;
			for (int i = 0; i < audio; i++) {
				users.add(new MixedUser("a" + i, StreamType.AUDIO, null, null));
			}
			String speaker = random.nextBoolean() ? "u" + random.nextInt(n) : null;
			LayoutPreset preset = new LayoutPreset(kind, 16 + random.nextInt(1905), 16 + random.nextInt(1905), speaker,
					random.nextInt(51) / 1000.0);
			try {
				check(preset, users);
			}
			catch (AssertionError ex) {
				throw new AssertionError("seed " + seed + " round " + round + " " + preset + ": " + ex.getMessage(),
						ex);
			}
		}
	}

	@Test
	void theSeedsCoStreamingCaseIsExactlyTwoHalves() {
		List<Pane> panes = PresetLayouts.compute(new LayoutPreset(Kind.SIDE_BY_SIDE, 1280, 720, null, 0), users(2));

		assertThat(panes).extracting(Pane::x, Pane::y, Pane::width, Pane::height)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0.0, 0.0, 0.5, 1.0),
					org.assertj.core.groups.Tuple.tuple(0.5, 0.0, 0.5, 1.0));
	}

	@Test
	void gridTakesTheSmallestNearSquareGridAndCentresTheLastRow() {
		List<Pane> five = PresetLayouts.compute(new LayoutPreset(Kind.GRID, 1280, 720, null, 0), users(5));

		// 3 columns, 2 rows of cells 1/3 of the canvas, the block centred vertically, the
		// last row's two cells centred
		assertThat(five).extracting(Pane::width).containsOnly(1 / 3.0);
		assertThat(five.get(0).y()).isCloseTo(1 / 6.0, org.assertj.core.data.Offset.offset(EPSILON));
		assertThat(five.get(3).y()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(EPSILON));
		double left = five.get(3).x();
		double right = 1 - (five.get(4).x() + five.get(4).width());
		assertThat(left).isCloseTo(right, org.assertj.core.data.Offset.offset(EPSILON));
	}

	@Test
	void speakerPutsTheStripRightOnLandscapeAndBelowOnPortrait() {
		LayoutPreset landscape = new LayoutPreset(Kind.SPEAKER, 1280, 720, "u2", 0);
		LayoutPreset portrait = new LayoutPreset(Kind.SPEAKER, 720, 1280, "u2", 0);

		List<Pane> wide = PresetLayouts.compute(landscape, users(3));
		List<Pane> tall = PresetLayouts.compute(portrait, users(3));

		assertThat(wide.get(0).userId()).isEqualTo("u2");
		assertThat(wide.get(1).x()).isGreaterThan(wide.get(0).x() + wide.get(0).width() - EPSILON);
		assertThat(tall.get(1).y()).isGreaterThan(tall.get(0).y() + tall.get(0).height() - EPSILON);
	}

	@Test
	void refusesWhatAPresetCannotLayOut() {
		assertThatThrownBy(() -> PresetLayouts.compute(new LayoutPreset(Kind.PK, 1280, 720, null, 0), users(3)))
			.isInstanceOf(InvalidRelaySpec.class)
			.hasMessageContaining("exactly 2");
		assertThatThrownBy(
				() -> PresetLayouts.compute(new LayoutPreset(Kind.SPEAKER, 1280, 720, "nobody", 0), users(3)))
			.isInstanceOf(InvalidRelaySpec.class);
		assertThatThrownBy(() -> PresetLayouts.compute(new LayoutPreset(Kind.GRID, 1280, 720, null, 0), List.of()))
			.isInstanceOf(InvalidRelaySpec.class);
	}

	/** Checks every property; false when the preset refuses these users (pairs). */
	private static boolean check(LayoutPreset preset, List<MixedUser> users) {
		List<MixedUser> video = users.stream().filter((u) -> u.streamType() != StreamType.AUDIO).toList();
		if ((preset.kind() == Kind.SIDE_BY_SIDE || preset.kind() == Kind.PK) && video.size() != 2) {
			assertThatThrownBy(() -> PresetLayouts.compute(preset, users)).isInstanceOf(InvalidRelaySpec.class);
			return false;
		}
		List<Pane> panes = PresetLayouts.compute(preset, users);
		assertThat(PresetLayouts.compute(preset, users)).as("deterministic").isEqualTo(panes);
		for (Pane pane : panes) {
			assertThat(pane.x()).as("%s x", pane).isBetween(-EPSILON, 1.0);
			assertThat(pane.y()).as("%s y", pane).isBetween(-EPSILON, 1.0);
			assertThat(pane.width()).as("%s width", pane).isPositive();
			assertThat(pane.height()).as("%s height", pane).isPositive();
			assertThat(pane.x() + pane.width()).as("%s right edge", pane).isLessThanOrEqualTo(1 + EPSILON);
			assertThat(pane.y() + pane.height()).as("%s bottom edge", pane).isLessThanOrEqualTo(1 + EPSILON);
		}
		Set<String> shown = panes.stream().map(Pane::userId).collect(Collectors.toSet());
		assertThat(panes).as("one pane per user with video").hasSize(video.size());
		assertThat(shown).containsExactlyInAnyOrderElementsOf(video.stream().map(MixedUser::userId).toList());
		List<String> expectedOrder = new ArrayList<>(video.stream().map(MixedUser::userId).toList());
		if (preset.speaker() != null) {
			expectedOrder.remove(preset.speaker());
			expectedOrder.add(0, preset.speaker());
		}
		assertThat(panes).extracting(Pane::userId).as("stable order").containsExactlyElementsOf(expectedOrder);
		if (preset.kind() != Kind.PIP) {
			for (int i = 0; i < panes.size(); i++) {
				for (int j = i + 1; j < panes.size(); j++) {
					assertThat(overlap(panes.get(i), panes.get(j))).as("%s overlaps %s", panes.get(i), panes.get(j))
						.isFalse();
				}
			}
		}
		else {
			// the small ones never overlap each other, and lie above the speaker
			for (int i = 1; i < panes.size(); i++) {
				assertThat(panes.get(i).zOrder()).isGreaterThan(panes.get(0).zOrder());
				for (int j = i + 1; j < panes.size(); j++) {
					assertThat(overlap(panes.get(i), panes.get(j))).isFalse();
				}
			}
		}
		RelaySpec spec = new RelaySpec("ch1", RelayMode.MIXED, null,
				new MixedSpec(users, panes, null, Encode.defaults(), preset), List.of("rtmp://push.example.com/a/b"),
				null, null, null);
		assertThat(RelaySpecRules.check(spec)).as("validated like hand-written panes").isEmpty();
		return true;
	}

	private static boolean overlap(Pane a, Pane b) {
		return a.x() < b.x() + b.width() - EPSILON && b.x() < a.x() + a.width() - EPSILON
				&& a.y() < b.y() + b.height() - EPSILON && b.y() < a.y() + a.height() - EPSILON;
	}

	static List<MixedUser> users(int n) {
		List<MixedUser> users = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			users.add(new MixedUser("u" + i, null, null, null));
		}
		return users;
	}

}
