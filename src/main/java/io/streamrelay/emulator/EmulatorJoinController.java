package io.streamrelay.emulator;

import java.util.Map;

import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import tools.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Simulated joins: with {@code require-joined-channels} a start is refused as "channel
 * does not exist" until a user joined the channel (here, or by a client-SDK relay).
 */
@EmulatorMode
@RestController
class EmulatorJoinController {

	private static final Logger log = LoggerFactory.getLogger(EmulatorJoinController.class);

	private final EmulatorState state;

	EmulatorJoinController(EmulatorState state) {
		this.state = state;
	}

	@PostMapping("/emulator/joins")
	ResponseEntity<String> join(@RequestBody String body) {
		JsonNode request = JsonParams.parseObject("body", body);
		String appId = id(request, "appId");
		CallerScope.requireApp(appId);
		String channelId = id(request, "channelId");
		this.state.join(appId, channelId);
		log.info("emulator: a user joined channel {} of app {}", channelId, appId);
		return ResponseEntity.status(HttpStatus.CREATED)
			.contentType(MpuApiController.JSON_UTF8)
			.body(JsonParams.MAPPER.createObjectNode().put("appId", appId).put("channelId", channelId).toString());
	}

	private static String id(JsonNode request, String name) {
		String value = JsonParams.requiredScalar(request, name, name);
		if (!TaskParamRules.APP_OR_CHANNEL_ID.matcher(value).matches()) {
			throw ApiError.invalidParam(name + " must match " + TaskParamRules.APP_OR_CHANNEL_ID.pattern() + ".");
		}
		return value;
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
