package io.streamrelay.relaytask.spec;

import java.util.List;

/**
 * Audio-only mixing takes no layout and no video parameters (docs/aliyun-mpu-api.md §9:
 * "leave the layout empty and send audio parameters only").
 */
final class AudioOnlyRules {

	private static final String RULE = "must be absent when encode.audioOnly is true (audio-only mixing sends no video)";

	private AudioOnlyRules() {
	}

	static void check(MixedSpec mixed, List<Violation> violations) {
		if (!mixed.panes().isEmpty()) {
			violations.add(new Violation("mixed.layout", RULE));
		}
		if (mixed.background() != null) {
			violations.add(new Violation("mixed.background", RULE));
		}
		Encode encode = mixed.encode();
		absent("videoBitrate", encode.videoBitrate(), violations);
		absent("videoFramerate", encode.videoFramerate(), violations);
		absent("videoGop", encode.videoGop(), violations);
		absent("videoWidth", encode.videoWidth(), violations);
		absent("videoHeight", encode.videoHeight(), violations);
		absent("profile", encode.profile(), violations);
		absent("preset", encode.preset(), violations);
	}

	private static void absent(String field, Object value, List<Violation> violations) {
		if (value != null) {
			violations.add(new Violation("mixed.encode." + field, RULE));
		}
	}

}
