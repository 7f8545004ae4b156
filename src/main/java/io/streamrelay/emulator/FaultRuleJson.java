package io.streamrelay.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.streamrelay.emulator.FaultPlan.ActiveFault;
import io.streamrelay.emulator.FaultRule.InvalidFaultRule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a fault rule from the control endpoint's JSON and renders active rules back,
 * naming any bad field.
 */
final class FaultRuleJson {

	private static final Set<String> FIELDS = Set.of("action", "kind", "count", "latencyMs", "when");

	private FaultRuleJson() {
	}

	static FaultRule read(String body) {
		JsonNode node;
		try {
			node = JsonParams.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidFaultRule("body", "The body is not valid JSON.");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidFaultRule("body", "The body must be a JSON object.");
		}
		for (String name : node.propertyNames()) {
			// like the service's own API: a misspelt field is an error, not a silently
			// ignored default
			if (!FIELDS.contains(name)) {
				throw new InvalidFaultRule(name, "Unknown field " + name + "; the fields are " + FIELDS + ".");
			}
		}
		String action = text(node, "action");
		FaultRule.Kind kind = enumValue(node, "kind", FaultRule.Kind.class);
		long count = integer(node, "count", 1);
		if (count < Integer.MIN_VALUE || count > Integer.MAX_VALUE) {
			throw new InvalidFaultRule("count", "count must be -1 (until cleared) or at least 1.");
		}
		long latencyMs = integer(node, "latencyMs", 0);
		return new FaultRule(action, kind, (int) count, latencyMs, enumValue(node, "when", FaultRule.When.class));
	}

	static ObjectNode view(ActiveFault fault) {
		FaultRule rule = fault.rule();
		ObjectNode view = JsonParams.MAPPER.createObjectNode();
		view.put("id", fault.id());
		view.put("action", rule.action());
		view.put("kind", rule.kind().name());
		view.put("count", rule.count());
		view.put("remaining", fault.remaining());
		view.put("when", rule.when().name());
		view.put("latencyMs", rule.latencyMs());
		return view;
	}

	static ObjectNode list(List<ActiveFault> faults) {
		ObjectNode body = JsonParams.MAPPER.createObjectNode();
		body.putArray("faults").addAll(faults.stream().map(FaultRuleJson::view).toList());
		return body;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = JsonParams.member(node, field).orElse(null);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidFaultRule(field, field + " must be a string.");
		}
		return value.stringValue();
	}

	private static long integer(JsonNode node, String field, long absent) {
		JsonNode value = JsonParams.member(node, field).orElse(null);
		if (value == null) {
			return absent;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw new InvalidFaultRule(field, field + " must be an integer.");
		}
		return value.longValue();
	}

	private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type) {
		String name = text(node, field);
		if (name == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFaultRule(field,
					field + " must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
		}
	}

}
