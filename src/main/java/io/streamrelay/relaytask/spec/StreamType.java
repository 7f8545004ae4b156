package io.streamrelay.relaytask.spec;

/** Which tracks of a user's stream are relayed or mixed. */
public enum StreamType {

	AUDIO_VIDEO, AUDIO, VIDEO

}
