package io.streamrelay.relaytask.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a task's history, oldest first; pass {@code nextPageToken} as
 * {@code pageToken} for the next.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayTaskEventPage(List<RelayTaskEventResponse> items, String nextPageToken) {
}
