package io.streamrelay.relaytask.spec;

/** Which of a user's video sources is taken. */
public enum SourceType {

	CAMERA, SCREEN

}
