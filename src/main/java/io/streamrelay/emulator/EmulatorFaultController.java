package io.streamrelay.emulator;

import java.net.URI;

import io.streamrelay.emulator.FaultRule.InvalidFaultRule;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

	static final URI INVALID_FAULT = URI.create("https://streamrelay.io/problems/emulator-invalid-fault");

	static final URI NO_RUNNING_TASK = URI.create("https://streamrelay.io/problems/emulator-no-running-task");

	private final FaultPlan faults;

	private final EmulatorState state;

	EmulatorFaultController(FaultPlan faults, EmulatorState state) {
		this.faults = faults;
		this.state = state;
	}

	@PostMapping("/faults")
	ResponseEntity<String> add(@RequestBody(required = false) String body) {
		FaultPlan.ActiveFault added = this.faults.add(FaultRuleJson.read((body != null) ? body : ""));
		return json(HttpStatus.CREATED, FaultRuleJson.view(added).toString());
	}

	@GetMapping("/faults")
	ResponseEntity<String> list() {
		return json(HttpStatus.OK, FaultRuleJson.list(this.faults.rules()).toString());
	}

	@DeleteMapping("/faults")
	ResponseEntity<Void> clear() {
		this.faults.clear();
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/tasks/{appId}/{taskId}/vanish")
	ResponseEntity<ProblemDetail> vanish(@PathVariable String appId, @PathVariable String taskId) {
		if (this.state.vanish(appId, taskId)) {
			return ResponseEntity.noContent().build();
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"AppId " + appId + " has no running task " + taskId + ".");
		problem.setType(NO_RUNNING_TASK);
		problem.setTitle("No such running task");
		problem.setProperty("appId", appId);
		problem.setProperty("taskId", taskId);
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	@ExceptionHandler(InvalidFaultRule.class)
	ResponseEntity<ProblemDetail> invalid(InvalidFaultRule ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(INVALID_FAULT);
		problem.setTitle("Invalid fault rule");
		problem.setProperty("field", ex.field());
		return ResponseEntity.badRequest().body(problem);
	}

	private static ResponseEntity<String> json(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MpuApiController.JSON_UTF8).body(body);
	}

}
