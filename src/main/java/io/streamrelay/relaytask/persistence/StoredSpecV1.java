package io.streamrelay.relaytask.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.streamrelay.relaytask.spec.Background;
import io.streamrelay.relaytask.spec.Encode;
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

/**
 * Version 1 of the stored JSON of a {@link RelaySpec}: the component names here are the
 * stored keys, so they change only together with a new stored version, never with the
 * core records. Stored version 3 added {@code maxDurationSeconds} (older documents read
 * as having none).
 */
// The core's enums are stored by constant name (the fixed samples pin them): renaming a
// constant is a change of stored version too.
record StoredSpecV1(@Required String channelId, @Required RelayMode mode, StoredSingle single, StoredMixed mixed,
		@Required List<String> destinations, StoredSei sei, Integer maxIdleSeconds, String region,
		Integer maxDurationSeconds) {

	static StoredSpecV1 of(RelaySpec spec) {
		return new StoredSpecV1(spec.channelId(), spec.mode(), StoredSingle.of(spec.single()),
				StoredMixed.of(spec.mixed()), spec.destinations(), StoredSei.of(spec.sei()), spec.maxIdleSeconds(),
				spec.region(), spec.maxDurationSeconds());
	}

	RelaySpec toSpec() {
		return new RelaySpec(this.channelId, this.mode, (this.single != null) ? this.single.toSource() : null,
				(this.mixed != null) ? this.mixed.toMixed() : null, this.destinations,
				(this.sei != null) ? this.sei.toSei() : null, this.maxIdleSeconds, this.region,
				this.maxDurationSeconds);
	}

	/**
	 * A key whose value the writer never leaves null: a stored null means the row was not
	 * written by this code.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD })
	@JacksonAnnotationsInside
	@JsonSetter(nulls = Nulls.FAIL)
	@interface Required {

	}

	record StoredSingle(@Required String userId, @Required StreamType streamType, @Required SourceType sourceType) {

		static StoredSingle of(SingleSource single) {
			return (single != null) ? new StoredSingle(single.userId(), single.streamType(), single.sourceType())
					: null;
		}

		SingleSource toSource() {
			return new SingleSource(this.userId, this.streamType, this.sourceType);
		}

	}

	record StoredMixed(@Required List<StoredUser> users, @Required List<StoredPane> panes, StoredBackground background,
			StoredEncode encode, StoredPreset preset) {

		static StoredMixed of(MixedSpec mixed) {
			if (mixed == null) {
				return null;
			}
			Background background = mixed.background();
			return new StoredMixed(mixed.users().stream().map(StoredUser::of).toList(),
					mixed.panes().stream().map(StoredPane::of).toList(),
					(background != null) ? new StoredBackground(background.url(), background.renderMode()) : null,
					StoredEncode.of(mixed.encode()), StoredPreset.of(mixed.preset()));
		}

		MixedSpec toMixed() {
			return new MixedSpec(this.users.stream().map(StoredUser::toUser).toList(),
					this.panes.stream().map(StoredPane::toPane).toList(),
					(this.background != null) ? new Background(this.background.url(), this.background.renderMode())
							: null,
					(this.encode != null) ? this.encode.toEncode() : null,
					(this.preset != null) ? this.preset.toPreset() : null);
		}

	}

	/** Since stored version 2; version 1 documents read as having none. */
	record StoredPreset(@Required LayoutPreset.Kind kind, int canvasWidth, int canvasHeight, String speaker,
			double gap) {

		static StoredPreset of(LayoutPreset preset) {
			return (preset != null) ? new StoredPreset(preset.kind(), preset.canvasWidth(), preset.canvasHeight(),
					preset.speaker(), preset.gap()) : null;
		}

		LayoutPreset toPreset() {
			return new LayoutPreset(this.kind, this.canvasWidth, this.canvasHeight, this.speaker, this.gap);
		}

	}

	record StoredUser(@Required String userId, @Required StreamType streamType, @Required SourceType sourceType,
			String channelId) {

		static StoredUser of(MixedUser user) {
			return new StoredUser(user.userId(), user.streamType(), user.sourceType(), user.channelId());
		}

		MixedUser toUser() {
			return new MixedUser(this.userId, this.streamType, this.sourceType, this.channelId);
		}

	}

	record StoredPane(double x, double y, double width, double height, int zOrder, @Required RenderMode renderMode,
			String userId, SourceType sourceType, String backgroundImageUrl) {

		static StoredPane of(Pane pane) {
			return new StoredPane(pane.x(), pane.y(), pane.width(), pane.height(), pane.zOrder(), pane.renderMode(),
					pane.userId(), pane.sourceType(), pane.backgroundImageUrl());
		}

		Pane toPane() {
			return new Pane(this.x, this.y, this.width, this.height, this.zOrder, this.renderMode, this.userId,
					this.sourceType, this.backgroundImageUrl);
		}

	}

	record StoredBackground(@Required String url, @Required RenderMode renderMode) {

	}

	record StoredEncode(boolean audioOnly, Integer audioBitrate, Integer audioChannels, Integer audioSampleRate,
			String videoCodec, Integer videoBitrate, Integer videoFramerate, Integer videoGop, Integer videoWidth,
			Integer videoHeight, String profile, String preset) {

		static StoredEncode of(Encode e) {
			return (e != null) ? new StoredEncode(e.audioOnly(), e.audioBitrate(), e.audioChannels(),
					e.audioSampleRate(), e.videoCodec(), e.videoBitrate(), e.videoFramerate(), e.videoGop(),
					e.videoWidth(), e.videoHeight(), e.profile(), e.preset()) : null;
		}

		Encode toEncode() {
			return new Encode(this.audioOnly, this.audioBitrate, this.audioChannels, this.audioSampleRate,
					this.videoCodec, this.videoBitrate, this.videoFramerate, this.videoGop, this.videoWidth,
					this.videoHeight, this.profile, this.preset);
		}

	}

	record StoredSei(Integer payloadType, StoredTiming layoutVolume, StoredPassThrough passThrough) {

		static StoredSei of(SeiSettings sei) {
			if (sei == null) {
				return null;
			}
			SeiSettings.SeiTiming timing = sei.layoutVolume();
			SeiSettings.PassThrough pass = sei.passThrough();
			return new StoredSei(sei.payloadType(),
					(timing != null) ? new StoredTiming(timing.intervalMs(), timing.followIdr()) : null,
					(pass != null) ? new StoredPassThrough(pass.intervalMs(), pass.followIdr(), pass.content(),
							pass.contentKey()) : null);
		}

		SeiSettings toSei() {
			StoredTiming timing = this.layoutVolume;
			StoredPassThrough pass = this.passThrough;
			return new SeiSettings(this.payloadType,
					(timing != null) ? new SeiSettings.SeiTiming(timing.intervalMs(), timing.followIdr()) : null,
					(pass != null) ? new SeiSettings.PassThrough(pass.intervalMs(), pass.followIdr(), pass.content(),
							pass.contentKey()) : null);
		}

	}

	record StoredTiming(Integer intervalMs, boolean followIdr) {

	}

	record StoredPassThrough(Integer intervalMs, boolean followIdr, String content, String contentKey) {

	}

}
