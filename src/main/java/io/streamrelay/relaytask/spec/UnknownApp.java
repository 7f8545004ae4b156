package io.streamrelay.relaytask.spec;

/** The RTC application is not configured in this service. */
public final class UnknownApp extends RuntimeException {

	public UnknownApp(String appId) {
		super("RTC application '" + appId + "' is not configured", null, false, false);
	}

}
