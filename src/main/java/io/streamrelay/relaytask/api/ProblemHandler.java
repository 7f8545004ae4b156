package io.streamrelay.relaytask.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.streamrelay.relaytask.DestinationNotAllowed;
import io.streamrelay.relaytask.InvalidRelaySpec;
import io.streamrelay.relaytask.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.RelayTaskModifiedConcurrently;
import io.streamrelay.relaytask.RelayTaskNotFound;
import io.streamrelay.relaytask.RelayTaskStateConflict;
import io.streamrelay.relaytask.UnknownApp;
import io.streamrelay.relaytask.UpstreamFailure;
import io.streamrelay.relaytask.Violation;
import io.streamrelay.security.RequestBodyTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
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
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Request breaks a rule",
				describe(ex.violations()), Map.of("errors", ex.violations()));
	}

	@ExceptionHandler(DestinationNotAllowed.class)
	ResponseEntity<Object> notAllowed(DestinationNotAllowed ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.DESTINATION_NOT_ALLOWED,
				"Destination not allowed", describe(ex.violations()), Map.of("errors", ex.violations()));
	}

	@ExceptionHandler(UnknownApp.class)
	ResponseEntity<Object> unknownApp(UnknownApp ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemTypes.UNKNOWN_APP, "Unknown RTC application", ex.getMessage(),
				Map.of());
	}

	@ExceptionHandler(RelayTaskNotFound.class)
	ResponseEntity<Object> notFound(RelayTaskNotFound ex) {
		return problem(HttpStatus.NOT_FOUND, ProblemTypes.TASK_NOT_FOUND, "Relay task not found", ex.getMessage(),
				Map.of());
	}

	@ExceptionHandler(RelayTaskAlreadyExists.class)
	ResponseEntity<Object> exists(RelayTaskAlreadyExists ex) {
		return problem(HttpStatus.CONFLICT, ProblemTypes.TASK_EXISTS, "Relay task already exists", ex.getMessage(),
				Map.of("taskId", ex.taskId()));
	}

	@ExceptionHandler(RelayTaskStateConflict.class)
	ResponseEntity<Object> stateConflict(RelayTaskStateConflict ex) {
		return problem(HttpStatus.CONFLICT, ProblemTypes.STATE_CONFLICT, "Relay task is in the wrong state",
				ex.getMessage(), Map.of("taskId", ex.taskId(), "state", ex.state().name().toLowerCase()));
	}

	@ExceptionHandler(RelayTaskModifiedConcurrently.class)
	ResponseEntity<Object> concurrent(RelayTaskModifiedConcurrently ex) {
		return problem(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_MODIFICATION,
				"Relay task was modified concurrently", ex.getMessage(), Map.of("taskId", ex.taskId()));
	}

	@ExceptionHandler(PreconditionFailed.class)
	ResponseEntity<Object> precondition(PreconditionFailed ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED, "ETag does not match",
				ex.getMessage(), Map.of("taskId", ex.taskId()));
	}

	@ExceptionHandler(UpstreamFailure.class)
	ResponseEntity<Object> upstream(UpstreamFailure ex) {
		UpstreamProblem mapped = UpstreamProblem.of(ex);
		ResponseEntity<Object> response = problem(mapped.status(), mapped.type(), mapped.title(), mapped.detail(),
				mapped.extensions());
		if (mapped.retryAfterSeconds() > 0) {
			return ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, Long.toString(mapped.retryAfterSeconds()))
				.body(response.getBody());
		}
		return response;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
				"The request failed unexpectedly; it has been logged", Map.of());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLarge tooLarge) {
				return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.type("payload-too-large"),
						"Request body too large", "Request bodies are limited to " + tooLarge.maxBytes() + " bytes",
						Map.of());
			}
		}
		Violation violation = unreadable(ex);
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED, "Malformed request body",
				violation.field() + " " + violation.rule(), Map.of("errors", List.of(violation)));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = body instanceof ProblemDetail detail ? detail
				: ProblemDetail.forStatusAndDetail(statusCode, "The request could not be processed");
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		String slug = status == null ? "http-" + statusCode.value() : status.name().toLowerCase().replace('_', '-');
		problem.setType(ProblemTypes.type(slug));
		problem.setTitle(status == null ? "HTTP " + statusCode.value() : status.getReasonPhrase());
		problem.setInstance(null);
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	static Violation unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new Violation(ViolationPaths.path(unknown), "is not a known field");
		}
		if (cause instanceof InvalidFormatException format) {
			return new Violation(ViolationPaths.path(format), "must be " + typeName(format.getTargetType()));
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return new Violation(ViolationPaths.path(mismatch), "must be " + typeName(mismatch.getTargetType()));
		}
		if (cause instanceof StreamReadException read) {
			String field = ViolationPaths.path(read);
			return "(body)".equals(field) ? new Violation(field, "is not well-formed JSON")
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

	static ResponseEntity<Object> problem(HttpStatusCode status, URI type, String title, String detail,
			Map<String, ?> extensions) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		extensions.forEach(problem::setProperty);
		return ResponseEntity.status(status)
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
