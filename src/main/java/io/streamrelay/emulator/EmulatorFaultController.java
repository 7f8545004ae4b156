package io.streamrelay.emulator;

import java.util.Map;

import io.streamrelay.emulator.FaultRule.InvalidFaultRule;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator and test endpoints that script vendor failures: fault rules and tasks the
 * vendor stops by itself.
 */
@EmulatorMode
@RestController
@RequestMapping("/emulator")
class EmulatorFaultController {

	// rules match Actions, not apps
	private static final String FAULT_PLAN = "The fault plan";

	private final FaultPlan faults;

	private final EmulatorState state;

	EmulatorFaultController(FaultPlan faults, EmulatorState state) {
		this.faults = faults;
		this.state = state;
	}

	@PostMapping("/faults")
	ResponseEntity<String> add(@RequestBody(required = false) String body) {
		CallerScope.requireEveryApp(FAULT_PLAN);
		FaultPlan.ActiveFault added = this.faults.add(FaultRuleJson.read((body != null) ? body : ""));
		return json(HttpStatus.CREATED, FaultRuleJson.view(added).toString());
	}

	@GetMapping("/faults")
	ResponseEntity<String> list() {
		CallerScope.requireEveryApp(FAULT_PLAN);
		return json(HttpStatus.OK, FaultRuleJson.list(this.faults.rules()).toString());
	}

	@DeleteMapping("/faults")
	ResponseEntity<Void> clear() {
		CallerScope.requireEveryApp(FAULT_PLAN);
		this.faults.clear();
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/tasks/{appId}/{taskId}/vanish")
	ResponseEntity<Object> vanish(@PathVariable String appId, @PathVariable String taskId) {
		CallerScope.requireApp(appId);
		if (this.state.vanish(appId, taskId)) {
			return ResponseEntity.noContent().build();
		}
		return Problems.entity(ProblemTypes.EMULATOR_NO_RUNNING_TASK,
				"AppId " + appId + " has no running task " + taskId + ".", Map.of("appId", appId, "taskId", taskId));
	}

	@ExceptionHandler(CallerScope.Refused.class)
	ResponseEntity<Object> outOfScope(CallerScope.Refused refused) {
		return CallerScope.refusal(refused);
	}

	@ExceptionHandler(InvalidFaultRule.class)
	ResponseEntity<Object> invalid(InvalidFaultRule ex) {
		return Problems.entity(ProblemTypes.EMULATOR_INVALID_FAULT, ex.getMessage(), Map.of("field", ex.field()));
	}

	private static ResponseEntity<String> json(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MpuApiController.JSON_UTF8).body(body);
	}

}
