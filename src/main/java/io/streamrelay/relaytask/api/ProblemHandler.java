package io.streamrelay.relaytask.api;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.streamrelay.problems.DatabaseUnavailable;
import io.streamrelay.problems.ProblemType;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.problems.RequestBodyRefused;
import io.streamrelay.relaytask.spec.DestinationNotAllowed;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.spec.Violation;
import io.streamrelay.relaytask.task.DestinationInUse;
import io.streamrelay.relaytask.task.OutcomeNotRecorded;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.task.RelayTaskNotFound;
import io.streamrelay.relaytask.spec.ImmutableFieldChange;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem with a stable type; no stack traces, class
 * names or secrets.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(InvalidRelaySpec.class)
	ResponseEntity<Object> invalid(InvalidRelaySpec ex) {
		return Problems.entity(ProblemTypes.VALIDATION, describe(ex.violations()), Map.of("errors", ex.violations()));
	}

	@ExceptionHandler(DestinationNotAllowed.class)
	ResponseEntity<Object> notAllowed(DestinationNotAllowed ex) {
		return Problems.entity(ProblemTypes.DESTINATION_NOT_ALLOWED, describe(ex.violations()),
				Map.of("errors", ex.violations()));
	}

	@ExceptionHandler(UnknownApp.class)
	ResponseEntity<Object> unknownApp(UnknownApp ex) {
		return Problems.entity(ProblemTypes.UNKNOWN_APP, ex.getMessage(), Map.of());
	}

	@ExceptionHandler(RelayTaskNotFound.class)
	ResponseEntity<Object> notFound(RelayTaskNotFound ex) {
		return Problems.entity(ProblemTypes.TASK_NOT_FOUND, ex.getMessage(), Map.of());
	}

	@ExceptionHandler(RelayTaskAlreadyExists.class)
	ResponseEntity<Object> exists(RelayTaskAlreadyExists ex) {
		return Problems.entity(ProblemTypes.TASK_EXISTS, ex.getMessage(), Map.of("taskId", ex.taskId()));
	}

	@ExceptionHandler(DestinationInUse.class)
	ResponseEntity<Object> destinationInUse(DestinationInUse ex) {
		Map<String, Object> extensions = new java.util.LinkedHashMap<>();
		extensions.put("destination", ex.destination());
		if (ex.usedBy() != null) {
			extensions.put("usedByTaskId", ex.usedBy());
		}
		return Problems.entity(ProblemTypes.DESTINATION_IN_USE, ex.getMessage(), extensions);
	}

	@ExceptionHandler(RelayTaskStateConflict.class)
	ResponseEntity<Object> stateConflict(RelayTaskStateConflict ex) {
		return Problems.entity(ProblemTypes.STATE_CONFLICT, ex.getMessage(),
				Map.of("taskId", ex.taskId(), "state", ex.state().name().toLowerCase()));
	}

	@ExceptionHandler(ImmutableFieldChange.class)
	ResponseEntity<Object> immutable(ImmutableFieldChange ex) {
		return Problems.entity(ProblemTypes.FIELD_IMMUTABLE, ex.getMessage(),
				Map.of("taskId", ex.taskId(), "field", ex.field()));
	}

	@ExceptionHandler(RelayTaskModifiedConcurrently.class)
	ResponseEntity<Object> concurrent(RelayTaskModifiedConcurrently ex) {
		return Problems.entity(ProblemTypes.CONCURRENT_MODIFICATION, ex.getMessage(), Map.of("taskId", ex.taskId()));
	}

	@ExceptionHandler(PreconditionFailed.class)
	ResponseEntity<Object> precondition(PreconditionFailed ex) {
		return Problems.entity(ProblemTypes.PRECONDITION_FAILED, ex.getMessage(), Map.of("taskId", ex.taskId()));
	}

	@ExceptionHandler(UpstreamFailure.class)
	ResponseEntity<Object> upstream(UpstreamFailure ex) {
		UpstreamProblem mapped = UpstreamProblem.of(ex);
		HttpHeaders headers = new HttpHeaders();
		if (mapped.retryAfterSeconds() > 0) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(mapped.retryAfterSeconds()));
		}
		return Problems.entity(mapped.type(), mapped.detail(), mapped.extensions(), headers);
	}

	/**
	 * The vendor acted (or may have) and the database failed before the outcome was
	 * written: the task is left for the reconciler, and the caller is told so.
	 */
	@ExceptionHandler(OutcomeNotRecorded.class)
	ResponseEntity<Object> outcomeNotRecorded(OutcomeNotRecorded ex) {
		log.error("Outcome of a vendor call for task {} not recorded; the reconciler settles it", ex.taskId(),
				ex.getCause());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
		return Problems.entity(ProblemTypes.OUTCOME_NOT_RECORDED, ex.getMessage(),
				Map.of("taskId", ex.taskId(), "outcomeUnknown", true), headers);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		RequestBodyRefused refused = RequestBodyRefused.in(ex);
		if (refused != null) {
			return refusal(refused);
		}
		if (DatabaseUnavailable.in(ex)) {
			log.warn("Database unavailable, answered 503: {}", ex.toString());
			return DatabaseUnavailable.entity();
		}
		log.error("Unexpected failure", ex);
		return Problems.entity(ProblemTypes.INTERNAL, "The request failed unexpectedly; it has been logged", Map.of());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyRefused refused = RequestBodyRefused.in(ex);
		if (refused != null) {
			return refusal(refused);
		}
		Violation violation = unreadable(ex);
		return Problems.entity(ProblemTypes.MALFORMED, violation.field() + " " + violation.rule(),
				Map.of("errors", List.of(violation)));
	}

	/**
	 * Constraints on handler parameters ({@code @RequestParam}, {@code @PathVariable}):
	 * every broken parameter at once, named as the client sent it.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Violation> violations = ex.getParameterValidationResults()
			.stream()
			.sorted(Comparator.comparingInt((result) -> result.getMethodParameter().getParameterIndex()))
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new Violation(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		if (violations.isEmpty()) {
			return super.handleHandlerMethodValidationException(ex, headers, status, request);
		}
		return Problems.entity(ProblemTypes.VALIDATION, describe(violations), Map.of("errors", violations));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = body instanceof ProblemDetail detail ? detail
				: ProblemDetail.forStatusAndDetail(statusCode, HttpRefusals.detail(ex, request));
		ProblemType type = ProblemTypes.http(statusCode.value());
		problem.setType(type.type());
		problem.setTitle(type.title());
		problem.setInstance(null);
		// problem+json whatever Accept says (RFC 9457), or a 406 goes out empty
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return super.handleExceptionInternal(ex, problem, problemHeaders, statusCode, request);
	}

	private static ResponseEntity<Object> refusal(RequestBodyRefused refused) {
		HttpHeaders headers = new HttpHeaders();
		// the rest of the body is not read: the connection cannot carry another request
		headers.set(HttpHeaders.CONNECTION, "close");
		return Problems.entity(refused.type(), refused.detail(), Map.of(), headers);
	}

	static Violation unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof StreamReadException read && ViolationPaths.isDuplicate(read)) {
			return new Violation(ViolationPaths.duplicated(read), "appears more than once; give each member once");
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new Violation(ViolationPaths.path(unknown), "is not a known field");
		}
		if (cause instanceof InvalidFormatException format) {
			return new Violation(ViolationPaths.path(format), "must be " + typeName(format.getTargetType()));
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return new Violation(ViolationPaths.path(mismatch), "must be " + typeName(mismatch.getTargetType()));
		}
		if (cause instanceof StreamConstraintsException) {
			StreamReadConstraints limits = StreamReadConstraints.defaults();
			return new Violation("(body)", "exceeds the parser's limits (nesting depth " + limits.getMaxNestingDepth()
					+ ", numbers of " + limits.getMaxNumberLength() + " digits)");
		}
		if (cause instanceof StreamReadException read) {
			String field = ViolationPaths.path(read);
			String message = String.valueOf(read.getOriginalMessage());
			return message.contains("UTF-8") ? new Violation(field, "is not valid UTF-8")
					: "(body)".equals(field) ? new Violation(field, "is not well-formed JSON")
							: new Violation(field, "is out of range for its type");
		}
		if (cause instanceof JacksonException json) {
			return new Violation(ViolationPaths.path(json), "has the wrong type or shape");
		}
		return new Violation("(body)", "is missing or not readable as JSON");
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == Double.class || type == double.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (java.util.Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

	private static String describe(List<Violation> violations) {
		Violation first = violations.get(0);
		String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more, see errors)" : "";
		return first.field() + " " + first.rule() + more;
	}

}
