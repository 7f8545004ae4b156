package io.streamrelay.relaytask.spec;

import java.util.Objects;

/**
 * A user subscribed by a mixed relay; {@code channelId} is set only for cross-channel
 * mixing.
 */
public record MixedUser(String userId, StreamType streamType, SourceType sourceType, String channelId) {

	public MixedUser {
		Objects.requireNonNull(userId, "userId");
		streamType = streamType == null ? StreamType.AUDIO_VIDEO : streamType;
		sourceType = sourceType == null ? SourceType.CAMERA : sourceType;
	}

}
