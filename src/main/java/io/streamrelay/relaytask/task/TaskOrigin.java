package io.streamrelay.relaytask.task;

/**
 * Who started the relay at the vendor: this service, or a client SDK whose relay was
 * adopted.
 */
public enum TaskOrigin {

	API, ADOPTED

}
