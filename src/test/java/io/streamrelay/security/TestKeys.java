package io.streamrelay.security;

import java.util.List;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * API keys for tests: the documented development key (emulator mode) and a configured
 * admin key.
 */
public final class TestKeys {

	/** The development key; accepted in emulator mode only. */
	public static final String DEVELOPMENT = DevelopmentKey.VALUE;

	/**
	 * A configured admin key on every app, usable in both modes once
	 * {@link #ADMIN_PROPERTIES} are set.
	 */
	public static final String ADMIN = "sr-test-admin-key-0123456789abcdef";

	public static final List<String> ADMIN_PROPERTIES = List.of("streamrelay.security.api-keys[0].name=tests",
			"streamrelay.security.api-keys[0].sha256=" + DigestUtils.sha256Hex(ADMIN),
			"streamrelay.security.api-keys[0].apps[0]=*", "streamrelay.security.api-keys[0].role=ADMIN");

	public static final String BEARER_DEVELOPMENT = "Bearer " + DEVELOPMENT;

	public static final String BEARER_ADMIN = "Bearer " + ADMIN;

	private TestKeys() {
	}

}
