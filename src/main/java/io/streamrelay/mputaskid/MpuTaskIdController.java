package io.streamrelay.mputaskid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Computes the MPUTaskId a client SDK uses, for any AppId, configured here or not. */
@RestController
class MpuTaskIdController {

	@GetMapping(path = "/v1/apps/{appId}/mpu-task-ids", produces = "application/json")
	ResponseEntity<?> mpuTaskId(@PathVariable String appId, @RequestParam(required = false) String channelId,
			@RequestParam(required = false) String userId) {
		List<Map<String, String>> errors = new ArrayList<>();
		check("appId", appId, MpuTaskIds.APP_ID.matcher(appId == null ? "" : appId).matches(),
				"must be 1-64 letters, digits, '_' or '-'", errors);
		check("channelId", channelId, channelId != null && MpuTaskIds.ARTC_ID.matcher(channelId).matches(),
				"is required and must be 1-64 letters, digits, '_', '=' or '-'", errors);
		check("userId", userId, userId != null && MpuTaskIds.ARTC_ID.matcher(userId).matches(),
				"is required and must be 1-64 letters, digits, '_', '=' or '-'", errors);
		if (!errors.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					errors.get(0).get("field") + " " + errors.get(0).get("rule"));
			problem.setType(java.net.URI.create("https://streamrelay.io/problems/validation-failed"));
			problem.setTitle("Request breaks a rule");
			problem.setProperty("errors", errors);
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return ResponseEntity
			.ok(new MpuTaskIdResponse(appId, channelId, userId, MpuTaskIds.of(appId, channelId, userId)));
	}

	private static void check(String field, String value, boolean ok, String rule, List<Map<String, String>> errors) {
		if (!ok) {
			errors.add(Map.of("field", field, "rule", rule));
		}
	}

	/** The MPUTaskId of a client-SDK relay. */
	record MpuTaskIdResponse(String appId, String channelId, String userId, String mpuTaskId) {
	}

}
