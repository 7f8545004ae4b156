package io.streamrelay.logging;

import io.streamrelay.redaction.Redaction;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Structured (JSON) log lines pass every text value (message, stack trace, MDC) through
 * redaction, as the pattern converters do for plain lines; named by
 * {@code logging.structured.json.customizer} in application.yml.
 */
public class RedactingJsonMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Redaction::text));
	}

}
