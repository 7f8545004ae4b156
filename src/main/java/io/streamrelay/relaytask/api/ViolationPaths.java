package io.streamrelay.relaytask.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.streamrelay.relaytask.spec.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns bean-validation and JSON-binding paths into the JSON paths callers wrote, e.g.
 * {@code mixed.users[0].userId}.
 */
final class ViolationPaths {

	private static final String DUPLICATE = "Duplicate Object property";

	private ViolationPaths() {
	}

	static List<Violation> of(Set<? extends ConstraintViolation<?>> violations) {
		List<Violation> out = new ArrayList<>();
		for (ConstraintViolation<?> violation : violations) {
			out.add(new Violation(path(violation.getPropertyPath()), violation.getMessage()));
		}
		out.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
		return out;
	}

	static String path(Path path) {
		StringBuilder out = new StringBuilder();
		for (Path.Node node : path) {
			if (node.isInIterable() && node.getIndex() != null) {
				out.append('[').append(node.getIndex()).append(']');
			}
			if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
				out.append(out.isEmpty() ? "" : ".").append(node.getName());
			}
		}
		return out.isEmpty() ? "(body)" : out.toString();
	}

	static String path(JacksonException ex) {
		StringBuilder out = new StringBuilder();
		for (JacksonException.Reference ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				out.append('[').append(ref.getIndex()).append(']');
			}
		}
		return out.isEmpty() ? "(body)" : out.toString();
	}

	/**
	 * The parser refused a member named twice
	 * (StreamReadFeature.STRICT_DUPLICATE_DETECTION).
	 */
	static boolean isDuplicate(StreamReadException ex) {
		String message = ex.getOriginalMessage();
		return message != null && message.startsWith(DUPLICATE);
	}

	/**
	 * The path of the duplicated member, from where the parser stopped, e.g.
	 * {@code mixed.users[1].userId}.
	 */
	static String duplicated(StreamReadException ex) {
		List<String> segments = new ArrayList<>();
		TokenStreamContext context = (ex.processor() != null) ? ex.processor().streamReadContext() : null;
		for (; context != null && !context.inRoot(); context = context.getParent()) {
			segments.add(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : context.currentName());
		}
		StringBuilder out = new StringBuilder();
		for (String segment : segments) {
			if (segment != null) {
				out.append(out.isEmpty() || segment.startsWith("[") ? "" : ".").append(segment);
			}
		}
		return out.isEmpty() ? "(body)" : out.toString();
	}

}
