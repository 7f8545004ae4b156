package io.streamrelay.relaytask.api;

import java.net.URI;
import java.util.Optional;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.usecase.ApplyDesiredState;
import io.streamrelay.relaytask.usecase.ApplyDesiredState.Applied;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT …/relay-tasks/{taskId}}: the whole spec as it should be (Kubernetes-style
 * apply); 201 when it started the relay, 200 otherwise.
 */
@RestController
@RequestMapping(path = "/v1/apps/{appId}", produces = "application/json")
class RelayTaskPutController {

	private final ApplyDesiredState desiredState;

	private final RelaySpecReader reader;

	private final RelayTaskViews views;

	RelayTaskPutController(ApplyDesiredState desiredState, RelaySpecReader reader, RelayTaskViews views) {
		this.desiredState = desiredState;
		this.reader = reader;
		this.views = views;
	}

	@PutMapping(path = "/relay-tasks/{taskId}", consumes = "application/json")
	ResponseEntity<RelayTaskResponse> put(@PathVariable String appId, @PathVariable String taskId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@RequestBody RelaySpecBody body) {
		if (!taskId.matches(RelaySpecBody.TASK_ID)) {
			throw new InvalidRelaySpec("taskId", RelaySpecBody.TASK_ID_RULE);
		}
		if (body.taskId() != null && !body.taskId().equals(taskId)) {
			throw new InvalidRelaySpec("taskId", "must be absent or equal the task id in the path");
		}
		if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
			throw new InvalidRelaySpec("If-None-Match", "must be * (start only if no relay of this id runs)");
		}
		IfMatch match = IfMatch.parse(ifMatch);
		boolean createOnly = ifNoneMatch != null;
		Applied applied;
		try {
			applied = this.desiredState.apply(appId, taskId, this.reader.read(body),
					(current) -> check(taskId, current, match, createOnly));
		}
		catch (RelayTaskModifiedConcurrently ex) {
			throw match.present() ? new PreconditionFailed(taskId) : ex;
		}
		RelayTask task = applied.task();
		URI location = URI.create("/v1/apps/" + task.appId() + "/relay-tasks/" + task.taskId());
		ResponseEntity.BodyBuilder answer = applied.effect() == ApplyDesiredState.Effect.STARTED
				? ResponseEntity.created(location) : ResponseEntity.ok();
		return answer.eTag(RelayTaskController.etag(task))
			.header("Streamrelay-Effect", applied.effect().name().toLowerCase(java.util.Locale.ROOT))
			.body(this.views.of(task));
	}

	/**
	 * If-Match needs the task at one of the versions; If-None-Match: * needs no relay of
	 * this id that may be running (an ended task may be started again).
	 */
	private static void check(String taskId, Optional<RelayTask> current, IfMatch match, boolean createOnly) {
		if (match.present() && current.isEmpty()) {
			throw new PreconditionFailed(taskId);
		}
		current.ifPresent(match::check);
		if (createOnly && current.isPresent() && current.get().state().mayBeRunning()) {
			throw new PreconditionFailed(taskId);
		}
	}

}
