package io.streamrelay.relaytask.spec;

/** One broken rule of a request: the JSON path of the field and what the rule says. */
public record Violation(String field, String rule) {
}
