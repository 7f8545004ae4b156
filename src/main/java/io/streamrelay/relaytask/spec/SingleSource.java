package io.streamrelay.relaytask.spec;

import java.util.Objects;

/** The one user whose stream a single-stream relay publishes. */
public record SingleSource(String userId, StreamType streamType, SourceType sourceType) {

	public SingleSource {
		Objects.requireNonNull(userId, "userId");
		streamType = streamType == null ? StreamType.AUDIO_VIDEO : streamType;
		sourceType = sourceType == null ? SourceType.CAMERA : sourceType;
	}

}
