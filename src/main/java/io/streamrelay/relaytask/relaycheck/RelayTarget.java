package io.streamrelay.relaytask.relaycheck;

/**
 * Where the CDN lists a relayed stream: the app's streaming domain, the AppName and the
 * stream name of a destination on the app's own ingest domain.
 */
public record RelayTarget(String domain, String appName, String streamName) {
}
