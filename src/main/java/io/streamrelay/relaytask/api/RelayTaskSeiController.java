package io.streamrelay.relaytask.api;

import java.time.Instant;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.usecase.RelayTaskService;
import io.streamrelay.relaytask.usecase.SendSei;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inserts a custom SEI message into a running relay (SetLiveMpuTaskSei): viewers' players
 * read it in sync with the picture.
 */
@RestController
@RequestMapping(path = "/v1/apps/{appId}", produces = "application/json")
class RelayTaskSeiController {

	private final RelayTaskService service;

	private final SendSei sei;

	private final JsonMapper json;

	RelayTaskSeiController(RelayTaskService service, SendSei sei, JsonMapper json) {
		this.service = service;
		this.sei = sei;
		this.json = json;
	}

	/** The body: the content, a JSON object or a string. */
	record SeiRequest(@Schema(
			description = "the SEI content: a JSON object or a string; at most 4096 characters "
					+ "once serialized as JSON (what is sent as CustomSei)",
			oneOf = {
					Object.class, String.class },
			requiredMode = Schema.RequiredMode.REQUIRED) JsonNode content){
	}

	/** What was sent: the content's length and SHA-256 (never the content itself). */
	record SeiResponse(String taskId, String state, int contentLength, String contentSha256, String upstreamRequestId,
			Instant sentAt) {
	}

	@PostMapping(path = "/relay-tasks/{taskId}/sei", consumes = "application/json")
	SeiResponse send(@PathVariable String appId, @PathVariable String taskId, @RequestBody SeiRequest body) {
		JsonNode content = body == null ? null : body.content();
		if (content == null || content.isNull() || content.isMissingNode()) {
			throw new InvalidRelaySpec("content", "is required: a JSON object or a string");
		}
		if (!content.isObject() && !content.isString()) {
			throw new InvalidRelaySpec("content", "must be a JSON object or a string");
		}
		// CustomSei is JSON text (docs/aliyun-mpu-api.md §2.8): the object as it is, a
		// string as a JSON string literal
		String customSei = this.json.writeValueAsString(content);
		SendSei.SeiSent sent = this.sei.send(this.service.get(appId, taskId), customSei);
		return new SeiResponse(taskId, sent.task().state().name().toLowerCase(java.util.Locale.ROOT),
				sent.contentLength(), sent.contentSha256(), sent.upstreamRequestId(), sent.sentAt());
	}

}
