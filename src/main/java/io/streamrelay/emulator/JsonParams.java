package io.streamrelay.emulator;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lenient readers for the JSON-string parameters, whose leaves the Java SDK sends as
 * strings and others as numbers.
 */
final class JsonParams {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonParams() {
	}

	static JsonNode parse(String name, String text) {
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw ApiError.invalidParam(name + " is not valid JSON.");
		}
	}

	static JsonNode parseObject(String name, String text) {
		JsonNode node = parse(name, text);
		if (!node.isObject()) {
			throw ApiError.invalidParam(name + " must be a JSON object.");
		}
		return node;
	}

	/** An optional object member; absent and JSON null are both "not given". */
	static Optional<JsonNode> member(JsonNode parent, String field) {
		JsonNode value = parent.get(field);
		return (value == null || value.isNull()) ? Optional.empty() : Optional.of(value);
	}

	static Optional<JsonNode> object(JsonNode parent, String field, String path) {
		Optional<JsonNode> value = member(parent, field);
		if (value.isPresent() && !value.get().isObject()) {
			throw ApiError.invalidParam(path + " must be a JSON object.");
		}
		return value;
	}

	static Optional<JsonNode> array(JsonNode parent, String field, String path) {
		Optional<JsonNode> value = member(parent, field);
		if (value.isPresent() && !value.get().isArray()) {
			throw ApiError.invalidParam(path + " must be a JSON array.");
		}
		return value;
	}

	/**
	 * A scalar leaf as text: strings as-is, numbers and booleans by their JSON spelling.
	 */
	static Optional<String> scalar(JsonNode parent, String field, String path) {
		Optional<JsonNode> value = member(parent, field);
		if (value.isEmpty()) {
			return Optional.empty();
		}
		JsonNode node = value.get();
		if (node.isString()) {
			return Optional.of(node.stringValue());
		}
		if (node.isNumber() || node.isBoolean()) {
			return Optional.of(node.toString());
		}
		throw ApiError.invalidParam(path + " must be a string.");
	}

	static String requiredScalar(JsonNode parent, String field, String path) {
		return scalar(parent, field, path).filter((text) -> !text.isBlank())
			.orElseThrow(() -> ApiError.missingParam(path));
	}

	static Optional<BigDecimal> number(JsonNode parent, String field, String path) {
		return scalar(parent, field, path).map((text) -> decimal(text, path));
	}

	static void integerIn(JsonNode parent, String field, String path, long min, long max) {
		number(parent, field, path).ifPresent((value) -> {
			if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(min)) < 0
					|| value.compareTo(BigDecimal.valueOf(max)) > 0) {
				throw ApiError.invalidParam(path + " must be an integer in [" + min + ", " + max + "].");
			}
		});
	}

	static void oneOf(JsonNode parent, String field, String path, Set<String> allowed) {
		scalar(parent, field, path).ifPresent((value) -> {
			if (!allowed.contains(value)) {
				throw ApiError.invalidParam(path + " must be one of " + allowed + ".");
			}
		});
	}

	static void maxLength(JsonNode parent, String field, String path, int max) {
		scalar(parent, field, path).ifPresent((value) -> {
			if (value.length() > max) {
				throw ApiError.invalidParam(path + " must be at most " + max + " characters.");
			}
		});
	}

	static BigDecimal decimal(String text, String path) {
		try {
			return new BigDecimal(text.trim());
		}
		catch (NumberFormatException ex) {
			throw ApiError.invalidParam(path + " must be a number.");
		}
	}

}
