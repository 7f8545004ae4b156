package io.streamrelay.relaytask.persistence;

import io.streamrelay.relaytask.spec.RelaySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * The stored JSON form of a {@link RelaySpec}, independent of how the HTTP API is
 * configured to write JSON.
 */
final class SpecJson {

	// A mapper of our own rather than Boot's: tuning the API's JSON (naming, inclusion)
	// must never change
	// what is on disk, or rows written before the change would become unreadable.
	private final JsonMapper mapper = JsonMapper.builder()
		// destinations carry stream keys and auth tokens: parse errors must not quote the
		// stored text
		.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
		// a row written by a newer version (an added field) must stay readable after a
		// rollback
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	String write(RelaySpec spec) {
		return spec == null ? null : this.mapper.writeValueAsString(spec);
	}

	RelaySpec read(String json, String taskId, String column) {
		if (json == null) {
			return null;
		}
		try {
			return this.mapper.readValue(json, RelaySpec.class);
		}
		catch (JacksonException ex) {
			// no cause attached: its message may quote parts of the spec, destinations
			// included; the path does not
			throw new DataRetrievalFailureException("Stored " + column + " of relay task '" + taskId
					+ "' is unreadable at " + ex.getPathReference() + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
