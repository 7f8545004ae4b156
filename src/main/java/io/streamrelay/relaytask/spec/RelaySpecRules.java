package io.streamrelay.relaytask.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.streamrelay.redaction.Redaction;

/**
 * The vendor's cross-field rules for a relay spec (per-field ranges and charsets are
 * checked at the edge). See docs/aliyun-mpu-api.md for the source of each rule.
 */
public final class RelaySpecRules {

	private static final double EPSILON = 1e-9;

	private static final Set<String> H264_PROFILES = Set.of("baseline", "main", "high");

	private static final Set<Integer> SAMPLE_RATES = Set.of(8000, 16000, 32000, 44100, 48000);

	private RelaySpecRules() {
	}

	/** Rules for a spec about to be started. */
	public static List<Violation> check(RelaySpec spec) {
		List<Violation> violations = new ArrayList<>();
		checkModeMatchesSubObject(spec, violations);
		if (spec.mode() == RelayMode.MIXED && spec.mixed() != null) {
			checkMixed(spec.mixed(), violations);
		}
		checkDestinations(spec.destinations(), violations);
		if (spec.destinations().isEmpty() && spec.anchorUserId() == null) {
			// the default push URL is named after the anchor user; mixing every user of
			// the channel (UserInfos omitted, docs/aliyun-mpu-api.md §2.4) has none
			violations.add(new Violation("destinations",
					"is required when mixed.users is omitted: no anchor user names the default push URL"));
		}
		checkSei(spec.sei(), violations);
		return violations;
	}

	/** Rules for replacing {@code current} by {@code next} with UpdateLiveMPUTask. */
	public static List<Violation> checkUpdate(RelaySpec current, RelaySpec next) {
		List<Violation> violations = check(next);
		immutable("channelId", current.channelId(), next.channelId(), violations);
		immutable("maxIdleSeconds", current.maxIdleSeconds(), next.maxIdleSeconds(), violations);
		immutable("region", current.region(), next.region(), violations);
		immutable("sei.payloadType", payloadType(current), payloadType(next), violations);
		return violations;
	}

	private static Integer payloadType(RelaySpec spec) {
		return spec.sei() == null ? null : spec.sei().payloadType();
	}

	private static void immutable(String field, Object before, Object after, List<Violation> violations) {
		if (!Objects.equals(before, after)) {
			violations.add(new Violation(field, "cannot be changed after start (UpdateLiveMPUTask does not take it)"));
		}
	}

	private static void checkModeMatchesSubObject(RelaySpec spec, List<Violation> violations) {
		if (spec.mode() == RelayMode.SINGLE) {
			if (spec.single() == null) {
				violations.add(new Violation("single", "is required when mode is single"));
			}
			if (spec.mixed() != null) {
				violations.add(new Violation("mixed", "must be absent when mode is single"));
			}
		}
		else {
			if (spec.mixed() == null) {
				violations.add(new Violation("mixed", "is required when mode is mixed"));
			}
			if (spec.single() != null) {
				violations.add(new Violation("single", "must be absent when mode is mixed"));
			}
		}
	}

	private static void checkMixed(MixedSpec mixed, List<Violation> violations) {
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < mixed.users().size(); i++) {
			MixedUser user = mixed.users().get(i);
			if (!keys.add(userKey(user.userId(), user.sourceType(), user.channelId()))) {
				violations
					.add(new Violation("mixed.users[" + i + "]", "duplicates an earlier user with the same source"));
			}
		}
		boolean audioOnly = mixed.encode() != null && mixed.encode().audioOnly();
		if (!audioOnly && mixed.panes().isEmpty()) {
			violations.add(
					new Violation("mixed.layout.panes", "must have at least one pane unless encode.audioOnly is true"));
		}
		if (audioOnly) {
			AudioOnlyRules.check(mixed, violations);
		}
		for (int i = 0; i < mixed.panes().size(); i++) {
			checkPane("mixed.layout.panes[" + i + "]", mixed.panes().get(i), mixed.users(), violations);
			notRedacted("mixed.layout.panes[" + i + "].backgroundImageUrl", mixed.panes().get(i).backgroundImageUrl(),
					violations);
		}
		if (mixed.background() != null) {
			notRedacted("mixed.background.url", mixed.background().url(), violations);
		}
		if (mixed.encode() != null) {
			EncodeRules.check(mixed.encode(), violations);
		}
	}

	private static void checkPane(String field, Pane pane, List<MixedUser> users, List<Violation> violations) {
		if (pane.x() + pane.width() > 1 + EPSILON) {
			violations.add(new Violation(field, "must lie inside the canvas: x + width must be <= 1"));
		}
		if (pane.y() + pane.height() > 1 + EPSILON) {
			violations.add(new Violation(field, "must lie inside the canvas: y + height must be <= 1"));
		}
		if (pane.userId() != null && !users.isEmpty()) {
			boolean listed = users.stream()
				.anyMatch((u) -> u.userId().equals(pane.userId()) && u.sourceType() == pane.sourceType());
			if (!listed) {
				violations.add(new Violation(field + ".userId",
						"must name a user listed in mixed.users with the same sourceType"));
			}
			else if (users.stream()
				.filter((u) -> u.userId().equals(pane.userId()) && u.sourceType() == pane.sourceType())
				.allMatch((u) -> u.streamType() == StreamType.AUDIO)) {
				violations.add(new Violation(field + ".userId", "must name a user whose streamType includes video"));
			}
		}
	}

	private static String userKey(String userId, SourceType sourceType, String channelId) {
		return userId + "\u0000" + sourceType + "\u0000" + channelId;
	}

	private static void checkDestinations(List<String> destinations, List<Violation> violations) {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < destinations.size(); i++) {
			String url = destinations.get(i);
			if (!seen.add(url)) {
				violations.add(new Violation("destinations[" + i + "]", "duplicates an earlier destination"));
			}
			if (Redaction.isRedacted(url)) {
				violations.add(new Violation("destinations[" + i + "]", "looks redacted (contains " + Redaction.MARKER
						+ "): send the real URL or omit destinations to keep them"));
			}
		}
	}

	private static void notRedacted(String field, String url, List<Violation> violations) {
		if (Redaction.isRedacted(url)) {
			violations.add(new Violation(field, "looks redacted (contains " + Redaction.MARKER
					+ "): send the real URL or leave the field out of the patch"));
		}
	}

	private static void checkSei(SeiSettings sei, List<Violation> violations) {
		if (sei == null) {
			return;
		}
		Integer payloadType = sei.payloadType();
		if (payloadType != null && payloadType != 5 && (payloadType < 100 || payloadType > 254)) {
			violations.add(new Violation("sei.payloadType", "must be 5 or between 100 and 254"));
		}
		// an empty layoutVolume asks for the vendor's default layout/volume SEI
		// (docs/aliyun-mpu-api.md §2.5, §9)
		if (sei.passThrough() != null && sei.passThrough().intervalMs() == null && !sei.passThrough().followIdr()) {
			violations.add(new Violation("sei.passThrough", "needs intervalMs, followIdr: true, or both"));
		}
	}

	/** Encode rules of TranscodeParams.EncodeParams. */
	static final class EncodeRules {

		private EncodeRules() {
		}

		static void check(Encode encode, List<Violation> violations) {
			if (!encode.audioOnly()) {
				required("audioBitrate", encode.audioBitrate(), violations);
				required("audioChannels", encode.audioChannels(), violations);
				required("audioSampleRate", encode.audioSampleRate(), violations);
				required("videoBitrate", encode.videoBitrate(), violations);
				required("videoFramerate", encode.videoFramerate(), violations);
				required("videoGop", encode.videoGop(), violations);
				required("videoWidth", encode.videoWidth(), violations);
				required("videoHeight", encode.videoHeight(), violations);
			}
			if (encode.audioSampleRate() != null && !SAMPLE_RATES.contains(encode.audioSampleRate())) {
				violations.add(new Violation("mixed.encode.audioSampleRate",
						"must be one of 8000, 16000, 32000, 44100, 48000 Hz"));
			}
			if (encode.profile() != null) {
				boolean h265 = Encode.H265.equals(encode.videoCodec());
				boolean ok = h265 ? "main".equals(encode.profile()) : H264_PROFILES.contains(encode.profile());
				if (!ok) {
					violations.add(new Violation("mixed.encode.profile",
							h265 ? "must be main for H.265" : "must be baseline, main or high for H.264"));
				}
			}
		}

		private static void required(String field, Object value, List<Violation> violations) {
			if (value == null) {
				violations.add(new Violation("mixed.encode." + field, "is required unless audioOnly is true"));
			}
		}

	}

}
