package io.streamrelay.relaytask.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamrelay.relaytask.task.RelayTaskEvent;

/** One entry of a task's history, with the state it left the task in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayTaskEventResponse(Instant at, String action, String outcome, String upstreamRequestId, String errorCode,
		String detail, String state) {

	static RelayTaskEventResponse of(RelayTaskEvent event) {
		return new RelayTaskEventResponse(event.at(), event.action().name().toLowerCase(),
				event.outcome().name().toLowerCase(), event.upstreamRequestId(), event.errorCode(), event.detail(),
				event.state() != null ? event.state().name().toLowerCase() : null);
	}

}
