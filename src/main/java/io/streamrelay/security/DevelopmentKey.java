package io.streamrelay.security;

/**
 * The documented key that works out of the box in the local emulator setup (admin on
 * every app). The service refuses to start in aliyun mode while it is configured.
 */
public final class DevelopmentKey {

	public static final String VALUE = "srdev-local-emulator-only-do-not-use-in-production";

	public static final String NAME = "development";

	private DevelopmentKey() {
	}

}
