package io.streamrelay.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;

/**
 * Schemas as a client reads them: a pattern that lists words is an enum, every other
 * pattern anchored and in the ECMA dialect JSON Schema uses, and the PATCH body the spec
 * with every field optional.
 */
// swagger-models is raw-typed (Schema<?> trees of mixed types)
@SuppressWarnings({ "rawtypes", "unchecked" })
final class SchemaRules {

	static final String SPEC = "RelaySpecBody";

	static final String PATCH_SUFFIX = "Patch";

	private static final Pattern WORDS = Pattern
		.compile("[A-Za-z0-9_\\-]+(\\\\\\.[0-9]+)?(\\|[A-Za-z0-9_\\-]+(\\\\\\.[0-9]+)?)+");

	private static final List<String> STATES = List.of("starting", "active", "updating", "stopping", "stopped",
			"failed");

	private SchemaRules() {
	}

	static void customize(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		if (schemas == null) {
			return;
		}
		schemas.values().forEach(SchemaRules::tidy);
		if (schemas.containsKey(SPEC)) {
			addPatchSchemas(schemas);
		}
		if (openApi.getPaths() != null) {
			openApi.getPaths().values().forEach((item) -> item.readOperations().forEach(SchemaRules::operation));
		}
		schemas.remove("JsonNode");
		openApi.getComponents().setSchemas(new TreeMap<>(schemas));
	}

	private static void operation(Operation operation) {
		if (operation.getParameters() != null) {
			operation.getParameters().forEach((parameter) -> {
				if (parameter.getSchema() != null) {
					tidy(parameter.getSchema());
				}
				if ("query".equals(parameter.getIn()) && "state".equals(parameter.getName())) {
					// a schema of its own: springdoc shares one string schema among query
					// parameters, so setting the enum on it listed the states for
					// pageToken too
					Schema state = new io.swagger.v3.oas.models.media.StringSchema();
					state.setEnum(new ArrayList<>(STATES));
					parameter.setSchema(state);
				}
			});
		}
		RequestBody body = operation.getRequestBody();
		if (body == null || body.getContent() == null) {
			return;
		}
		for (MediaType media : body.getContent().values()) {
			Schema<?> schema = media.getSchema();
			if (schema != null && schema.get$ref() != null && schema.get$ref().endsWith("/JsonNode")) {
				media.setSchema(new Schema<>().$ref(ref(SPEC + PATCH_SUFFIX)));
			}
		}
		if (body.getContent().containsKey("application/merge-patch+json")) {
			body.description("A JSON merge patch (RFC 7396) of the task's spec: every member optional");
			Content ordered = new Content();
			body.getContent()
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, MediaType>comparingByKey().reversed())
				.forEach((entry) -> ordered.addMediaType(entry.getKey(), entry.getValue()));
			body.setContent(ordered);
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static void tidy(Schema schema) {
		if (schema.getPattern() != null) {
			String pattern = schema.getPattern();
			if (WORDS.matcher(pattern).matches()) {
				schema.setEnum(Arrays.stream(pattern.split("\\|")).map((word) -> word.replace("\\.", ".")).toList());
				schema.setPattern(null);
			}
			else {
				schema.setPattern(anchored(pattern));
			}
		}
		if (schema.getItems() != null) {
			tidy(schema.getItems());
		}
		if (schema.getProperties() != null) {
			((Map<String, Schema>) schema.getProperties()).values().forEach(SchemaRules::tidy);
		}
	}

	/**
	 * Jakarta's @Pattern matches the whole value, JSON Schema searches: anchor it; and
	 * spell Java's (?i) as character classes.
	 */
	static String anchored(String pattern) {
		String body = pattern.startsWith("(?i)") ? caseless(pattern.substring(4)) : pattern;
		if (body.startsWith("^") && body.endsWith("$")) {
			return body;
		}
		return "^(?:" + body + ")$";
	}

	private static String caseless(String pattern) {
		StringBuilder out = new StringBuilder();
		boolean inClass = false;
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\' && i + 1 < pattern.length()) {
				out.append(c).append(pattern.charAt(++i));
				continue;
			}
			if (c == '[') {
				inClass = true;
			}
			else if (c == ']') {
				inClass = false;
			}
			if (!inClass && Character.isLetter(c)) {
				out.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * A copy of the spec and of every schema it reaches, suffixed Patch, without required
	 * members: a merge patch may name any member alone.
	 */
	@SuppressWarnings("rawtypes")
	private static void addPatchSchemas(Map<String, Schema> schemas) {
		Set<String> reached = new java.util.TreeSet<>();
		collect(SPEC, schemas, reached);
		for (String name : reached) {
			String json = Json31.pretty(schemas.get(name));
			for (String other : reached) {
				json = json.replace("\"" + ref(other) + "\"", "\"" + ref(other + PATCH_SUFFIX) + "\"");
			}
			Schema copy = read(json);
			copy.setRequired(null);
			copy.setDescription((name.equals(SPEC)) ? "The start body with every member optional (merge patch)"
					: copy.getDescription());
			schemas.put(name + PATCH_SUFFIX, copy);
		}
	}

	@SuppressWarnings("rawtypes")
	private static Schema read(String json) {
		try {
			return Json31.mapper().readValue(json, Schema.class);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("cannot copy a schema", ex);
		}
	}

	@SuppressWarnings("rawtypes")
	private static void collect(String name, Map<String, Schema> schemas, Set<String> reached) {
		if (!reached.add(name) || !schemas.containsKey(name)) {
			return;
		}
		String json = Json31.pretty(schemas.get(name));
		java.util.regex.Matcher refs = Pattern.compile("#/components/schemas/([A-Za-z0-9_]+)").matcher(json);
		while (refs.find()) {
			collect(refs.group(1), schemas, reached);
		}
	}

	private static String ref(String name) {
		return "#/components/schemas/" + name;
	}

}
