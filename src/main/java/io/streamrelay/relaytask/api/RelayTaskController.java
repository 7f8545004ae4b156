package io.streamrelay.relaytask.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTasks.TaskQuery;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Start, read, list, update, stop and adopt relay tasks of one RTC application. */
@RestController
@RequestMapping(path = "/v1/apps/{appId}", produces = "application/json")
class RelayTaskController {

	static final int DEFAULT_PAGE_SIZE = 20;

	static final int MAX_PAGE_SIZE = 100;

	private final RelayTaskService service;

	private final RelaySpecReader reader;

	private final RelayTaskViews views;

	private final RelayApps apps;

	RelayTaskController(RelayTaskService service, RelaySpecReader reader, RelayTaskViews views, RelayApps apps) {
		this.service = service;
		this.reader = reader;
		this.views = views;
		this.apps = apps;
	}

	@PostMapping(path = "/relay-tasks", consumes = "application/json")
	ResponseEntity<RelayTaskResponse> start(@PathVariable String appId, @RequestBody RelaySpecBody body) {
		requireApp(appId);
		RelayTaskService.StartOutcome outcome = this.service.startTask(appId, body.taskId(), this.reader.read(body));
		RelayTask task = outcome.task();
		// the same start again (a retry after a timeout): the task as it is, 200 instead
		// of 201
		ResponseEntity.BodyBuilder answer = outcome.created() ? ResponseEntity.created(location(task))
				: ResponseEntity.ok().location(location(task));
		return answer.eTag(etag(task)).body(this.views.of(task));
	}

	@PostMapping(path = "/relay-tasks/adoptions", consumes = "application/json")
	ResponseEntity<RelayTaskResponse> adopt(@PathVariable String appId, @RequestBody RelaySpecBody body) {
		requireApp(appId);
		RelayTask task = this.service.adopt(appId, body.taskId(), this.reader.read(body));
		return ResponseEntity.created(location(task)).eTag(etag(task)).body(this.views.of(task));
	}

	@GetMapping("/relay-tasks/{taskId}")
	ResponseEntity<RelayTaskResponse> get(@PathVariable String appId, @PathVariable String taskId) {
		RelayTask task = this.service.get(appId, taskId);
		return ResponseEntity.ok().eTag(etag(task)).body(this.views.of(task));
	}

	@GetMapping("/relay-tasks")
	RelayTaskPage list(@PathVariable String appId, @RequestParam(required = false) String channelId,
			@RequestParam(required = false) String state, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken) {
		requireApp(appId);
		int size = pageSize(pageSize, DEFAULT_PAGE_SIZE);
		if (channelId != null && !channelId.matches(RelaySpecBody.CHANNEL_ID)) {
			throw new InvalidRelaySpec("channelId", RelaySpecBody.CHANNEL_ID_RULE);
		}
		TaskQuery query = new TaskQuery(channelId, parseState(state), decodeToken(pageToken, RelaySpecBody.TASK_ID),
				size + 1);
		List<RelayTask> tasks = this.service.list(appId, query);
		boolean more = tasks.size() > size;
		List<RelayTask> page = more ? tasks.subList(0, size) : tasks;
		String next = more ? encodeToken(page.get(page.size() - 1).taskId()) : null;
		return new RelayTaskPage(page.stream().map(this.views::of).toList(), next);
	}

	@PatchMapping(path = "/relay-tasks/{taskId}", consumes = { "application/merge-patch+json", "application/json" })
	ResponseEntity<RelayTaskResponse> update(@PathVariable String appId, @PathVariable String taskId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode patch) {
		RelayTask current = this.service.get(appId, taskId);
		IfMatch precondition = IfMatch.parse(ifMatch);
		precondition.check(current);
		try {
			RelayTask task = this.service.update(current, this.reader.merge(current.spec(), patch));
			return ResponseEntity.ok().eTag(etag(task)).body(this.views.of(task));
		}
		catch (RelayTaskModifiedConcurrently ex) {
			throw precondition.present() ? new PreconditionFailed(taskId) : ex;
		}
	}

	@DeleteMapping("/relay-tasks/{taskId}")
	ResponseEntity<RelayTaskResponse> stop(@PathVariable String appId, @PathVariable String taskId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		IfMatch precondition = IfMatch.parse(ifMatch);
		try {
			RelayTask task;
			if (precondition.present() && !precondition.any()) {
				RelayTask current = this.service.get(appId, taskId);
				precondition.check(current);
				// the stop must find the version that matched, whatever happens in
				// between
				task = this.service.stop(current);
			}
			else {
				task = this.service.stop(appId, taskId);
			}
			return ResponseEntity.ok().eTag(etag(task)).body(this.views.of(task));
		}
		catch (RelayTaskModifiedConcurrently ex) {
			throw precondition.present() ? new PreconditionFailed(taskId) : ex;
		}
	}

	@GetMapping("/relay-tasks/{taskId}/events")
	RelayTaskEventPage events(@PathVariable String appId, @PathVariable String taskId,
			@RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String pageToken) {
		int size = pageSize(pageSize, MAX_PAGE_SIZE);
		String offsetToken = decodeToken(pageToken, "e[0-9]{1,9}");
		int offset = offsetToken == null ? 0 : Integer.parseInt(offsetToken.substring(1));
		List<RelayTaskEventResponse> items = this.service.events(appId, taskId, offset, size + 1)
			.stream()
			.map(RelayTaskEventResponse::of)
			.toList();
		boolean more = items.size() > size;
		return new RelayTaskEventPage(more ? items.subList(0, size) : items,
				more ? encodeToken("e" + (offset + size)) : null);
	}

	private static int pageSize(Integer requested, int byDefault) {
		int size = requested == null ? byDefault : requested;
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRelaySpec("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		return size;
	}

	private void requireApp(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new UnknownApp(appId);
		}
	}

	private static URI location(RelayTask task) {
		return URI.create("/v1/apps/" + task.appId() + "/relay-tasks/" + task.taskId());
	}

	static String etag(RelayTask task) {
		return "\"" + task.version() + "\"";
	}

	private static RelayTaskState parseState(String state) {
		if (state == null) {
			return null;
		}
		for (RelayTaskState candidate : RelayTaskState.values()) {
			if (candidate.name().toLowerCase(Locale.ROOT).equals(state)) {
				return candidate;
			}
		}
		throw new InvalidRelaySpec("state", "must be starting, active, updating, stopping, stopped or failed");
	}

	private static String encodeToken(String position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position a page token we issued carries, or null without a token; anything else
	 * is a 400.
	 */
	private static String decodeToken(String token, String shape) {
		if (token == null) {
			return null;
		}
		if (token.length() > 100) {
			throw new InvalidRelaySpec("pageToken", "is not a token returned by this API");
		}
		try {
			String position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			if (position.matches(shape)) {
				return position;
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through: not a token we issued
		}
		throw new InvalidRelaySpec("pageToken", "is not a token returned by this API");
	}

}
