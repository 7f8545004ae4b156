package io.streamrelay.relaytask.vendor;

/** The vendor's acknowledgement of a call. */
public record UpstreamReceipt(String requestId) {
}
