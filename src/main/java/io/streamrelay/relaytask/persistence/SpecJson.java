package io.streamrelay.relaytask.persistence;

import java.util.List;

import io.streamrelay.relaytask.spec.RelaySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * The stored JSON form of a {@link RelaySpec}: an explicit, versioned document
 * ({@link StoredSpecV1}) read strictly, independent of the core records and of how the
 * HTTP API writes JSON.
 */
final class SpecJson {

	/** The key of the version marker; rows written before it existed have none. */
	static final String VERSION_KEY = "v";

	/** The version written now and the newest this build reads. */
	static final int NEWEST = 3;

	// A mapper of our own rather than Boot's: tuning the API's JSON must never change
	// what
	// is on disk. Strict on every count: a key or value this build does not know fails
	// the
	// read instead of being dropped, so no stored data is lost silently.
	private final JsonMapper mapper = JsonMapper.builder()
		// destinations carry stream keys and auth tokens: errors must not quote stored
		// text
		.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
				DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
				DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		// enum constants are stored by name, whatever toString() says
		.disable(EnumFeature.READ_ENUMS_USING_TO_STRING, EnumFeature.WRITE_ENUMS_USING_TO_STRING)
		.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
		.build();

	String write(RelaySpec spec) {
		if (spec == null) {
			return null;
		}
		ObjectNode document = this.mapper.createObjectNode();
		document.put(VERSION_KEY, NEWEST);
		document.setAll((ObjectNode) this.mapper.valueToTree(StoredSpecV1.of(spec)));
		return this.mapper.writeValueAsString(document);
	}

	RelaySpec read(String json, String taskId, String column) {
		if (json == null) {
			return null;
		}
		JsonNode tree;
		try {
			tree = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw unreadable(column, taskId, "cannot be parsed as JSON (" + ex.getClass().getSimpleName() + ")");
		}
		if (!(tree instanceof ObjectNode document)) {
			throw unreadable(column, taskId, "is not a JSON object");
		}
		JsonNode marker = document.remove(VERSION_KEY);
		int version = version(marker, column, taskId);
		String label = "stored version " + version + ((marker == null) ? " (unmarked)" : "");
		if (version == 1 && document.get("mixed") instanceof ObjectNode mixed && !mixed.has("preset")) {
			// version 2 added mixed.preset (layout presets); a version 1 document has
			// none
			mixed.putNull("preset");
		}
		if (version < 3 && !document.has("maxDurationSeconds")) {
			// version 3 added maxDurationSeconds (the task's own max duration); older
			// documents have none: the app's applies
			document.putNull("maxDurationSeconds");
		}
		// A new stored version gets records of its own and a branch here; the records of
		// older versions stay, so that every row ever written remains readable.
		try {
			return this.mapper.treeToValue(document, StoredSpecV1.class).toSpec();
		}
		catch (JacksonException ex) {
			throw unreadable(column, taskId,
					"does not match " + label + " at " + path(ex.getPath()) + ": " + reason(ex, document));
		}
		catch (RuntimeException ex) {
			// a core invariant: its message may quote a value, so only its kind is told
			throw unreadable(column, taskId,
					"breaks an invariant of the spec as " + label + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private static int version(JsonNode marker, String column, String taskId) {
		if (marker == null) {
			return 1;
		}
		if (!marker.isIntegralNumber() || !marker.canConvertToInt() || marker.intValue() < 1) {
			throw unreadable(column, taskId, "has a version marker '" + VERSION_KEY + "' that is not a version");
		}
		if (marker.intValue() > NEWEST) {
			throw unreadable(column, taskId, "is stored version " + marker.intValue()
					+ ", written by a newer build; this build reads versions up to " + NEWEST);
		}
		return marker.intValue();
	}

	/** Names the place in the document, never the value found there. */
	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.length() > 0) ? path.toString() : "the top level";
	}

	private static String reason(JacksonException ex, JsonNode document) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "unknown property";
		}
		if (ex instanceof InvalidNullException) {
			return "null where a value is required";
		}
		JsonNode node = document;
		for (JacksonException.Reference reference : ex.getPath()) {
			node = (reference.getPropertyName() != null) ? node.get(reference.getPropertyName())
					: node.get(reference.getIndex());
			if (node == null) {
				return "missing property";
			}
		}
		return "invalid value (" + ex.getClass().getSimpleName() + ")";
	}

	private static DataRetrievalFailureException unreadable(String column, String taskId, String problem) {
		// no cause attached: its message may quote parts of the spec, destinations
		// included
		return new DataRetrievalFailureException("Stored " + column + " of relay task '" + taskId + "' " + problem);
	}

}
