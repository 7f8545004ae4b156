package io.streamrelay.relaytask.spec;

/**
 * How a relay task publishes the channel: one user's stream as it is, or several users
 * composited.
 */
public enum RelayMode {

	SINGLE, MIXED

}
