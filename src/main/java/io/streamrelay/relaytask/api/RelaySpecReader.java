package io.streamrelay.relaytask.api;

import java.util.List;
import java.util.Set;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/** Validates request bodies and merge patches, and turns them into core specs. */
@Component
class RelaySpecReader {

	private final Validator validator;

	private final JsonMapper json;

	RelaySpecReader(Validator validator, JsonMapper json) {
		this.validator = validator;
		this.json = json;
	}

	/** The spec of a start or adopt body; every per-field rule is checked. */
	RelaySpec read(RelaySpecBody body) {
		Set<ConstraintViolation<RelaySpecBody>> violations = this.validator.validate(body);
		if (!violations.isEmpty()) {
			throw new InvalidRelaySpec(ViolationPaths.of(violations));
		}
		return SpecMapper.toSpec(body);
	}

	/**
	 * Applies an RFC 7396 merge patch to the current spec. Switching {@code mode} drops
	 * the other mode's sub-object unless the patch sets it, so
	 * {@code {"mode":"mixed","mixed":{...}}} is enough.
	 */
	RelaySpec merge(RelaySpec current, JsonNode patch) {
		if (patch == null || !patch.isObject()) {
			throw new InvalidRelaySpec("(body)", "must be a JSON object (RFC 7396 merge patch)");
		}
		if (patch.has("taskId")) {
			throw new InvalidRelaySpec("taskId", "cannot be changed; it identifies the task");
		}
		JsonNode document = this.json.valueToTree(SpecMapper.toBody(current, current.destinations()));
		dropComputedPanes(document, patch);
		ObjectNode merged = (ObjectNode) JsonMergePatch.apply(document, patch);
		dropOtherMode(current.mode(), patch, merged);
		RelaySpecBody body;
		try {
			body = this.json.treeToValue(merged, RelaySpecBody.class);
		}
		catch (JacksonException ex) {
			throw new InvalidRelaySpec(List.of(new Violation(ViolationPaths.path(ex), "has the wrong type or shape")));
		}
		return read(body);
	}

	/**
	 * The panes of a preset layout are computed: recomputed after the patch (say, a user
	 * added) unless the patch writes panes itself.
	 */
	private static void dropComputedPanes(JsonNode document, JsonNode patch) {
		JsonNode layout = document.path("mixed").path("layout");
		boolean patchesPanes = patch.path("mixed").path("layout").has("panes");
		if (layout instanceof ObjectNode object && layout.has("preset") && !patchesPanes) {
			object.remove("panes");
		}
	}

	private static void dropOtherMode(RelayMode before, JsonNode patch, ObjectNode merged) {
		JsonNode mode = merged.get("mode");
		if (mode == null || !mode.isString() || mode.asString().equalsIgnoreCase(before.name())) {
			return;
		}
		String stale = before == RelayMode.SINGLE ? "single" : "mixed";
		if (!patch.has(stale)) {
			merged.remove(stale);
		}
	}

}
