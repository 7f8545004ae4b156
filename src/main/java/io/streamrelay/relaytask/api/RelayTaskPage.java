package io.streamrelay.relaytask.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of tasks; pass {@code nextPageToken} as {@code pageToken} for the next one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayTaskPage(List<RelayTaskResponse> items, String nextPageToken) {
}
