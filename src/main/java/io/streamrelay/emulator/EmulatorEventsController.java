package io.streamrelay.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.redaction.Redaction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator and test endpoints for the emulator's callbacks and CDN list: callback faults,
 * delivery records, a relay error on a task, a relayed stream offline or online.
 */
@EmulatorMode
@RestController
@RequestMapping("/emulator")
class EmulatorEventsController {

	private final CallbackFaults faults;

	private final CallbackDispatcher dispatcher;

	private final EmulatedSubscriptions subscriptions;

	private final OnlineStreams online;

	private final EmulatorState state;

	EmulatorEventsController(CallbackFaults faults, CallbackDispatcher dispatcher, EmulatedSubscriptions subscriptions,
			OnlineStreams online, EmulatorState state) {
		this.faults = faults;
		this.dispatcher = dispatcher;
		this.subscriptions = subscriptions;
		this.online = online;
		this.state = state;
	}

	@PostMapping("/callbacks/faults")
	ResponseEntity<String> addFault(@RequestBody(required = false) String body) {
		CallerScope.requireEveryApp("The callback fault plan");
		JsonNode request = JsonParams.parseObject("body", body != null ? body : "");
		CallbackFaults.Mode mode = CallbackFaults.Mode.parse(JsonParams.requiredScalar(request, "mode", "mode"));
		JsonParams.integerIn(request, "times", "times", 1, 1000);
		JsonParams.integerIn(request, "delayMs", "delayMs", 0, 300_000);
		int times = JsonParams.number(request, "times", "times").map((n) -> n.intValue()).orElse(1);
		long delayMs = JsonParams.number(request, "delayMs", "delayMs").map((n) -> n.longValue()).orElse(0L);
		this.faults.add(new CallbackFaults.Fault(mode, times, Duration.ofMillis(delayMs)));
		return json(HttpStatus.CREATED, faultList());
	}

	@GetMapping("/callbacks/faults")
	ResponseEntity<String> listFaults() {
		CallerScope.requireEveryApp("The callback fault plan");
		return json(HttpStatus.OK, faultList());
	}

	@DeleteMapping("/callbacks/faults")
	ResponseEntity<Void> clearFaults() {
		CallerScope.requireEveryApp("The callback fault plan");
		this.faults.clear();
		this.dispatcher.flushHeld();
		return ResponseEntity.noContent().build();
	}

	/** Delivery records with the callback URL's secret path hidden. */
	@GetMapping("/callbacks/deliveries")
	ResponseEntity<String> deliveries(@RequestParam String appId) {
		CallerScope.requireApp(appId);
		ArrayNode items = JsonParams.MAPPER.createArrayNode();
		for (EmulatedSubscriptions.Delivery delivery : this.subscriptions.deliveries(appId)) {
			items.addObject()
				.put("msgId", delivery.msgId())
				.put("subId", delivery.subId())
				.put("time", delivery.time().toString())
				.put("httpCode", delivery.httpCode())
				.put("callbackUrl", Redaction.text(delivery.callbackUrl()))
				.set("data", JsonParams.MAPPER.readTree(Redaction.text(delivery.data())));
		}
		return json(HttpStatus.OK, JsonParams.MAPPER.createObjectNode().set("items", items).toString());
	}

	@PostMapping("/tasks/{appId}/{taskId}/relay-error")
	ResponseEntity<Object> relayError(@PathVariable String appId, @PathVariable String taskId,
			@RequestBody(required = false) String body) {
		CallerScope.requireApp(appId);
		JsonNode request = JsonParams.parseObject("body", (body == null || body.isBlank()) ? "{}" : body);
		JsonParams.integerIn(request, "errorCode", "errorCode", Integer.MIN_VALUE, Integer.MAX_VALUE);
		int errorCode = JsonParams.number(request, "errorCode", "errorCode").map((n) -> n.intValue()).orElse(1001);
		if (errorCode == 0) {
			throw ApiError.invalidParam("errorCode must not be 0 (0 means success).");
		}
		String message = JsonParams.scalar(request, "message", "message").orElse("destination unreachable");
		EmulatedTask task = this.state.task(appId, taskId).filter(EmulatedTask::running).orElse(null);
		if (task == null || task.streamUrls().isEmpty()) {
			return noRunningTask(appId, taskId);
		}
		this.dispatcher.relayError(task, task.streamUrls().get(0), errorCode, message);
		return ResponseEntity.accepted().build();
	}

	@PostMapping("/tasks/{appId}/{taskId}/offline")
	ResponseEntity<Object> offline(@PathVariable String appId, @PathVariable String taskId) {
		return mark(appId, taskId, true);
	}

	@PostMapping("/tasks/{appId}/{taskId}/online")
	ResponseEntity<Object> online(@PathVariable String appId, @PathVariable String taskId) {
		return mark(appId, taskId, false);
	}

	private ResponseEntity<Object> mark(String appId, String taskId, boolean offline) {
		CallerScope.requireApp(appId);
		return this.online.markOffline(appId, taskId, offline) ? ResponseEntity.noContent().build()
				: noRunningTask(appId, taskId);
	}

	private String faultList() {
		List<CallbackFaults.Fault> list = this.faults.list();
		ArrayNode items = JsonParams.MAPPER.createArrayNode();
		list.forEach((fault) -> items.addObject()
			.put("mode", fault.mode().name().toLowerCase(java.util.Locale.ROOT))
			.put("times", fault.times())
			.put("delayMs", fault.delay().toMillis()));
		return JsonParams.MAPPER.createObjectNode().set("items", items).toString();
	}

	private static ResponseEntity<Object> noRunningTask(String appId, String taskId) {
		return Problems.entity(ProblemTypes.EMULATOR_NO_RUNNING_TASK,
				"AppId " + appId + " has no running task " + taskId + ".", Map.of("appId", appId, "taskId", taskId));
	}

	private static ResponseEntity<String> json(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MpuApiController.JSON_UTF8).body(body);
	}

	@ExceptionHandler(ApiError.class)
	ResponseEntity<Object> rejected(ApiError error) {
		return Problems.entity(ProblemTypes.EMULATOR_REFUSED.withStatus(error.status()), error.getMessage(),
				Map.of("code", error.code()));
	}

	@ExceptionHandler(CallerScope.Refused.class)
	ResponseEntity<Object> outOfScope(CallerScope.Refused refused) {
		return CallerScope.refusal(refused);
	}

}
