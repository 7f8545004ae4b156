package io.streamrelay.relaytask.api;

import java.util.ArrayList;
import java.util.List;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.task.RelayTask;

/**
 * An {@code If-Match} precondition over task versions (the ETag is {@code "<version>"}).
 */
record IfMatch(boolean present, boolean any, List<Long> versions) {

	static IfMatch parse(String header) {
		if (header == null) {
			return new IfMatch(false, false, List.of());
		}
		if (header.trim().equals("*")) {
			return new IfMatch(true, true, List.of());
		}
		List<Long> versions = new ArrayList<>();
		for (String tag : header.split(",")) {
			String value = tag.trim();
			// Weak tags never match under If-Match (RFC 9110 strong comparison).
			if (value.startsWith("W/")) {
				versions.add(-1L);
				continue;
			}
			if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
				throw new InvalidRelaySpec("If-Match", "must be * or quoted ETags such as \"3\"");
			}
			try {
				versions.add(Long.parseLong(value.substring(1, value.length() - 1)));
			}
			catch (NumberFormatException ex) {
				versions.add(-1L);
			}
		}
		return new IfMatch(true, false, List.copyOf(versions));
	}

	void check(RelayTask current) {
		if (this.present && !this.any && !this.versions.contains(current.version())) {
			throw new PreconditionFailed(current.taskId());
		}
	}

}
