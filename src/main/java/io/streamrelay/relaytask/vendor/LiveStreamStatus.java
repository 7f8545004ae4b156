package io.streamrelay.relaytask.vendor;

/**
 * Port to the CDN's online-stream list (DescribeLiveStreamsOnlineList): whether a stream
 * is being pushed right now. Throws an {@link UpstreamFailure} when the vendor does not
 * answer clearly.
 */
public interface LiveStreamStatus {

	boolean online(String domain, String appName, String streamName);

}
