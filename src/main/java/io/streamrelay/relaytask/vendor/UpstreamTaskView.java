package io.streamrelay.relaytask.vendor;

import io.streamrelay.relaytask.spec.RelayMode;

/** What the vendor reports about a task it runs (API-created tasks only). */
public record UpstreamTaskView(String appId, String taskId, String channelId, RelayMode mode) {
}
