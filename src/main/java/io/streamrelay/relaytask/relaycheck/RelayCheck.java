package io.streamrelay.relaytask.relaycheck;

import java.time.Instant;

/**
 * What the CDN's online-stream list last showed for a task's relayed stream:
 * {@code online}, when it was {@code checkedAt}, {@code since} when it has shown that,
 * and whether an offline past the grace is already in the task's history.
 */
public record RelayCheck(String appId, String taskId, boolean online, Instant checkedAt, Instant since,
		boolean offlineReported) {
}
