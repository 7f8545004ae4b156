package io.streamrelay.events;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.streamrelay.redaction.Redaction;
import io.streamrelay.relaytask.events.VendorEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the vendor's callback body (docs/aliyun-mpu-api.md §3.2) into a
 * {@link VendorEvent}, redacting the destination URL and the stored body. Unknown members
 * are ignored (the vendor may add some); a missing or mistyped member is a
 * {@link BadCallback} naming it.
 */
final class CallbackBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9_.:*-]{1,128}");

	private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern SUB_OR_TASK_ID = Pattern.compile("[A-Za-z0-9_.=*-]{1,128}");

	private CallbackBodies() {
	}

	/** A body that is not a vendor event: which member, which rule. */
	static final class BadCallback extends RuntimeException {

		private final String field;

		BadCallback(String field, String rule) {
			super(field + " " + rule);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

	static VendorEvent parse(String body, Instant receivedAt, VendorEvent.Source source,
			UnaryOperator<String> redactUrl) {
		JsonNode root;
		try {
			root = JSON.readTree(body == null ? "" : body);
		}
		catch (JacksonException ex) {
			throw new BadCallback("body", "must be a JSON object");
		}
		if (root == null || !root.isObject()) {
			throw new BadCallback("body", "must be a JSON object");
		}
		JsonNode payload = root.get("Payload");
		if (payload == null || !payload.isObject()) {
			throw new BadCallback("Payload", "must be an object");
		}
		String dstUrl = optionalText(payload, "Payload.DstUrl", "DstUrl");
		Long callbackTs = optionalLong(root, "CallbackTs", "CallbackTs");
		return new VendorEvent(id(root, "MsgId", MSG_ID), id(root, "AppId", APP_ID), optionalId(root, "SubId"),
				optionalId(root, "TaskId"), integer(root, "EventType", "EventType"),
				integer(payload, "Payload.EventCode", "EventCode"),
				payload.has("ErrorCode") ? integer(payload, "Payload.ErrorCode", "ErrorCode") : 0,
				Redaction.textWithoutUrls(optionalText(payload, "Payload.ErrorMessage", "ErrorMessage")),
				(dstUrl == null || dstUrl.isEmpty()) ? null : redactUrl.apply(dstUrl),
				Instant.ofEpochMilli(required(optionalLong(payload, "Payload.EventTs", "EventTs"), "Payload.EventTs")),
				callbackTs == null ? null : Instant.ofEpochMilli(callbackTs), receivedAt, source, Redaction.text(body));
	}

	private static String id(JsonNode parent, String name, Pattern pattern) {
		JsonNode node = parent.get(name);
		if (node == null || !node.isString() || !pattern.matcher(node.stringValue()).matches()) {
			throw new BadCallback(name, "must be a string matching " + pattern.pattern());
		}
		return node.stringValue();
	}

	private static String optionalId(JsonNode parent, String name) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		return id(parent, name, SUB_OR_TASK_ID);
	}

	private static String optionalText(JsonNode parent, String path, String name) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString() || node.stringValue().length() > 4096) {
			throw new BadCallback(path, "must be a string of at most 4096 characters");
		}
		return node.stringValue();
	}

	/**
	 * Numbers, or numeric strings (the vendor's SDKs send numbers as strings elsewhere).
	 */
	private static Long optionalLong(JsonNode parent, String path, String name) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isString() && node.stringValue().matches("-?[0-9]{1,18}")) {
			return Long.parseLong(node.stringValue());
		}
		throw new BadCallback(path, "must be an integer");
	}

	private static int integer(JsonNode parent, String path, String name) {
		long value = required(optionalLong(parent, path, name), path);
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw new BadCallback(path, "must be a 32-bit integer");
		}
		return (int) value;
	}

	private static long required(Long value, String path) {
		if (value == null) {
			throw new BadCallback(path, "is required");
		}
		return value;
	}

}
