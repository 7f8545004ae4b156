package io.streamrelay.relaytask;

/** The vendor's acknowledgement of a call. */
public record UpstreamReceipt(String requestId) {
}
