package io.streamrelay.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.streamrelay.routes.ApiRoute;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SHA-256 of method, resolved path, query, If-Match and body; the path is the route's one
 * spelling and a JSON body is canonicalised (object members sorted, whitespace dropped),
 * so that the same request spelled or serialised otherwise keeps its fingerprint.
 */
final class Fingerprints {

	private final JsonMapper json;

	Fingerprints(JsonMapper json) {
		this.json = json;
	}

	/**
	 * If-Match is part of what was asked: the same key with another precondition is
	 * another request. For a plain spelling the text hashed is the request line's, as
	 * before paths were resolved, so keys recorded earlier keep matching their retries.
	 */
	String of(String method, ApiRoute route, String query, String ifMatch, byte[] body) {
		String target = route.canonicalPath() + ((query != null) ? "?" + query : "")
				+ ((ifMatch != null) ? "\nIf-Match: " + ifMatch : "");
		return of(method, target, body);
	}

	String of(String method, String path, byte[] body) {
		MessageDigest digest = DigestUtils.getSha256Digest();
		digest.update(method.getBytes(StandardCharsets.US_ASCII));
		digest.update((byte) '\n');
		digest.update(path.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) '\n');
		digest.update(canonical(body));
		return Hex.encodeHexString(digest.digest());
	}

	byte[] canonical(byte[] body) {
		if (body.length == 0) {
			return body;
		}
		try {
			JsonNode tree = this.json.readTree(body);
			return (tree == null || tree.isMissingNode()) ? body : this.json.writeValueAsBytes(sorted(tree));
		}
		catch (JacksonException ex) {
			return body;
		}
	}

	private JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
			Collections.sort(members, Map.Entry.comparingByKey());
			ObjectNode out = this.json.createObjectNode();
			members.forEach((member) -> out.set(member.getKey(), sorted(member.getValue())));
			return out;
		}
		if (node.isArray()) {
			ArrayNode out = this.json.createArrayNode();
			node.values().forEach((element) -> out.add(sorted(element)));
			return out;
		}
		return node;
	}

}
