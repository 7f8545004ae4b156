package io.streamrelay.upstream.aliyun;

import io.streamrelay.redaction.Redaction;

import org.springframework.core.env.Environment;

/**
 * The AccessKey pair the SDK signs with, chosen by mode; {@link #toString()} hides the
 * secret.
 */
record UpstreamCredentials(String accessKeyId, String accessKeySecret) {

	static final String ID_VARIABLE = "ALIBABA_CLOUD_ACCESS_KEY_ID";

	static final String SECRET_VARIABLE = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

	static final String EMULATOR_ID = "LTAIemulatorKey";

	static final String EMULATOR_SECRET = "emulator-secret";

	/**
	 * Aliyun mode: {@code streamrelay.upstream.access-key-id/-secret} if set, else the
	 * standard Alibaba Cloud environment variables, else startup fails. Emulator mode:
	 * {@code streamrelay.emulator.access-key-id/-secret} or the fixed emulator pair, so
	 * the emulator can verify signatures with the same values.
	 */
	static UpstreamCredentials resolve(UpstreamProperties properties, Environment environment) {
		if (properties.mode() == UpstreamProperties.Mode.EMULATOR) {
			return new UpstreamCredentials(environment.getProperty("streamrelay.emulator.access-key-id", EMULATOR_ID),
					environment.getProperty("streamrelay.emulator.access-key-secret", EMULATOR_SECRET));
		}
		String id = firstPresent(properties.accessKeyId(), environment.getProperty(ID_VARIABLE));
		String secret = firstPresent(properties.accessKeySecret(), environment.getProperty(SECRET_VARIABLE));
		if (id == null || secret == null) {
			throw new IllegalStateException("streamrelay.upstream.mode=aliyun needs an AccessKey: set the environment"
					+ " variables " + ID_VARIABLE + " and " + SECRET_VARIABLE + " (missing: "
					+ (id == null ? ID_VARIABLE + " " : "") + (secret == null ? SECRET_VARIABLE : "") + ")");
		}
		return new UpstreamCredentials(id, secret);
	}

	private static String firstPresent(String preferred, String fallback) {
		if (preferred != null && !preferred.isBlank()) {
			return preferred;
		}
		return fallback == null || fallback.isBlank() ? null : fallback;
	}

	@Override
	public String toString() {
		return "UpstreamCredentials[accessKeyId=" + accessKeyId + ", accessKeySecret=" + Redaction.MARKER + "]";
	}

}
