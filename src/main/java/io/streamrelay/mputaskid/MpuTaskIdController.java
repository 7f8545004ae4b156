package io.streamrelay.mputaskid;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Computes the MPUTaskId a client SDK uses, for any AppId, configured here or not. The
 * parameters are checked by Spring MVC's method validation; the problem handler names
 * every broken parameter at once.
 */
@RestController
class MpuTaskIdController {

	private static final String APP_ID_RULE = "must be 1-64 letters, digits, '_' or '-'";

	private static final String ARTC_ID_RULE = "must be 1-64 letters, digits, '_', '=' or '-'";

	@GetMapping(path = "/v1/apps/{appId}/mpu-task-ids", produces = "application/json")
	MpuTaskIdResponse mpuTaskId(
			@PathVariable @Pattern(regexp = MpuTaskIds.APP_ID_REGEX, message = APP_ID_RULE) String appId,
			@RequestParam(required = false) @NotNull(message = "is required") @Pattern(
					regexp = MpuTaskIds.ARTC_ID_REGEX, message = ARTC_ID_RULE) String channelId,
			@RequestParam(required = false) @NotNull(message = "is required") @Pattern(
					regexp = MpuTaskIds.ARTC_ID_REGEX, message = ARTC_ID_RULE) String userId) {
		return new MpuTaskIdResponse(appId, channelId, userId, MpuTaskIds.of(appId, channelId, userId));
	}

	/** The MPUTaskId of a client-SDK relay. */
	record MpuTaskIdResponse(String appId, String channelId, String userId, String mpuTaskId) {
	}

}
