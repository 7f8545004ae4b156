package io.streamrelay.relaytask.api;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.streamrelay.relaytask.spec.Background;
import io.streamrelay.relaytask.spec.Encode;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.LayoutPreset;
import io.streamrelay.relaytask.spec.MixedSpec;
import io.streamrelay.relaytask.spec.MixedUser;
import io.streamrelay.relaytask.spec.Pane;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.RenderMode;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.SingleSource;
import io.streamrelay.relaytask.spec.SourceType;
import io.streamrelay.relaytask.spec.StreamType;
import io.streamrelay.relaytask.spec.layout.PresetLayouts;

/**
 * Maps the validated JSON body to the core spec and back; enum values are the lowercase
 * JSON words.
 */
final class SpecMapper {

	private SpecMapper() {
	}

	static RelaySpec toSpec(RelaySpecBody body) {
		return new RelaySpec(body.channelId(), enumOf(RelayMode.class, body.mode()), toSingle(body.single()),
				toMixed(body.mixed()), body.destinations(), toSei(body.sei()), body.maxIdleSeconds(), body.region(),
				body.maxDurationSeconds());
	}

	static RelaySpecBody toBody(RelaySpec spec, List<String> destinations) {
		return toBody(spec, destinations, UnaryOperator.identity());
	}

	/**
	 * The body with {@code images} applied to every image URL (responses redact their
	 * query values).
	 */
	static RelaySpecBody toBody(RelaySpec spec, List<String> destinations, UnaryOperator<String> images) {
		// none only for a relay adopted from the vendor's list, which does not tell them:
		// absent, so that the spec read back (and a merge patch of it) stays valid
		return new RelaySpecBody(null, spec.channelId(), word(spec.mode()), toBody(spec.single()),
				toBody(spec.mixed(), images), (destinations == null || destinations.isEmpty()) ? null : destinations,
				toBody(spec.sei()), spec.maxIdleSeconds(), spec.region(), spec.maxDurationSeconds());
	}

	private static SingleSource toSingle(RelaySpecBody.Single single) {
		return single == null ? null : new SingleSource(single.userId(), enumOf(StreamType.class, single.streamType()),
				enumOf(SourceType.class, single.sourceType()));
	}

	private static MixedSpec toMixed(RelaySpecBody.Mixed mixed) {
		if (mixed == null) {
			return null;
		}
		List<MixedUser> users = mixed.users() == null ? List.of()
				: mixed.users()
					.stream()
					.map((u) -> new MixedUser(u.userId(), enumOf(StreamType.class, u.streamType()),
							enumOf(SourceType.class, u.sourceType()), u.channelId()))
					.toList();
		Encode encode = toEncode(mixed.encode());
		LayoutPreset preset = LayoutMapper.preset(mixed.layout(), encode);
		List<Pane> given = mixed.layout() == null || mixed.layout().panes() == null ? null
				: mixed.layout().panes().stream().map(SpecMapper::toPane).toList();
		List<Pane> panes = preset == null ? given : PresetLayouts.compute(preset, users);
		if (preset != null && given != null && !given.equals(panes)) {
			// a task read back (preset and computed panes) may be sent again as it is
			throw new InvalidRelaySpec("mixed.layout.panes",
					"are computed from the preset: omit them (or send exactly the computed ones)");
		}
		Background background = mixed.background() == null ? null
				: new Background(mixed.background().url(), enumOf(RenderMode.class, mixed.background().renderMode()));
		return new MixedSpec(users, panes, background, encode, preset);
	}

	private static Pane toPane(RelaySpecBody.Pane p) {
		return new Pane(p.x(), p.y(), p.width(), p.height(), p.zOrder() == null ? 0 : p.zOrder(),
				enumOf(RenderMode.class, p.renderMode()), p.userId(), enumOf(SourceType.class, p.sourceType()),
				p.backgroundImageUrl());
	}

	private static Encode toEncode(RelaySpecBody.Encode e) {
		if (e == null) {
			return null;
		}
		return new Encode(Boolean.TRUE.equals(e.audioOnly()), e.audioBitrate(), e.audioChannels(), e.audioSampleRate(),
				// audio-only mixing sends no video parameters (docs/aliyun-mpu-api.md §9)
				e.videoCodec() == null && !Boolean.TRUE.equals(e.audioOnly()) ? Encode.H264 : e.videoCodec(),
				e.videoBitrate(), e.videoFramerate(), e.videoGop(), e.videoWidth(), e.videoHeight(), e.profile(),
				e.preset());
	}

	private static SeiSettings toSei(RelaySpecBody.Sei sei) {
		if (sei == null) {
			return null;
		}
		SeiSettings.SeiTiming layoutVolume = sei.layoutVolume() == null ? null : new SeiSettings.SeiTiming(
				sei.layoutVolume().intervalMs(), Boolean.TRUE.equals(sei.layoutVolume().followIdr()));
		RelaySpecBody.PassThrough p = sei.passThrough();
		SeiSettings.PassThrough passThrough = p == null ? null : new SeiSettings.PassThrough(p.intervalMs(),
				Boolean.TRUE.equals(p.followIdr()), p.content(), p.contentKey() == null ? "udd" : p.contentKey());
		return new SeiSettings(sei.payloadType(), layoutVolume, passThrough);
	}

	private static RelaySpecBody.Single toBody(SingleSource single) {
		return single == null ? null
				: new RelaySpecBody.Single(single.userId(), word(single.streamType()), word(single.sourceType()));
	}

	private static RelaySpecBody.Mixed toBody(MixedSpec mixed, UnaryOperator<String> images) {
		if (mixed == null) {
			return null;
		}
		List<RelaySpecBody.User> users = mixed.users()
			.stream()
			.map((u) -> new RelaySpecBody.User(u.userId(), word(u.streamType()), word(u.sourceType()), u.channelId()))
			.toList();
		List<RelaySpecBody.Pane> panes = mixed.panes()
			.stream()
			.map((p) -> new RelaySpecBody.Pane(p.x(), p.y(), p.width(), p.height(), p.zOrder(), word(p.renderMode()),
					p.userId(), word(p.sourceType()),
					p.backgroundImageUrl() == null ? null : images.apply(p.backgroundImageUrl())))
			.toList();
		RelaySpecBody.Background background = mixed.background() == null ? null : new RelaySpecBody.Background(
				images.apply(mixed.background().url()), word(mixed.background().renderMode()));
		Encode e = mixed.encode();
		RelaySpecBody.Encode encode = e == null ? null
				: new RelaySpecBody.Encode(e.audioOnly(), e.audioBitrate(), e.audioChannels(), e.audioSampleRate(),
						e.videoCodec(), e.videoBitrate(), e.videoFramerate(), e.videoGop(), e.videoWidth(),
						e.videoHeight(), e.profile(), e.preset());
		return new RelaySpecBody.Mixed(users.isEmpty() ? null : users, LayoutMapper.toBody(panes, mixed.preset()),
				background, encode);
	}

	private static RelaySpecBody.Sei toBody(SeiSettings sei) {
		if (sei == null) {
			return null;
		}
		SeiSettings.SeiTiming lv = sei.layoutVolume();
		SeiSettings.PassThrough p = sei.passThrough();
		return new RelaySpecBody.Sei(sei.payloadType(),
				lv == null ? null : new RelaySpecBody.SeiTiming(lv.intervalMs(), lv.followIdr()), p == null ? null
						: new RelaySpecBody.PassThrough(p.intervalMs(), p.followIdr(), p.content(), p.contentKey()));
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String word) {
		return word == null ? null : Enum.valueOf(type, word.toUpperCase(Locale.ROOT));
	}

	private static String word(Enum<?> value) {
		return value == null ? null : value.name().toLowerCase(Locale.ROOT);
	}

}
