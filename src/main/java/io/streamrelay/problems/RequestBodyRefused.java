package io.streamrelay.problems;

import java.io.IOException;

/**
 * The server stopped reading a request body, and the problem that tells the client why;
 * thrown from the body stream so that whoever reads the body (a filter, a message
 * converter) fails, and whoever catches it answers with {@link #type()}.
 */
public abstract sealed class RequestBodyRefused extends IOException permits RequestBodyTooLarge, RequestBodyTooSlow {

	private static final long serialVersionUID = 1L;

	/**
	 * The request attribute holding the refusal, for an error dispatch that answers in
	 * place of the code that refused.
	 */
	public static final String ATTRIBUTE = RequestBodyRefused.class.getName();

	/**
	 * The request attribute set when the rest of a refused body is left unread: the
	 * container must not read it either, and closes the connection after the answer.
	 */
	public static final String ABANDONED = ATTRIBUTE + ".abandoned";

	RequestBodyRefused(String message, Throwable cause) {
		super(message, cause);
	}

	public abstract ProblemType type();

	/** The detail of the answer: what the limit is, never what was sent. */
	public abstract String detail();

	/**
	 * The refusal among the causes of a failure, or null when the body was not refused.
	 */
	public static RequestBodyRefused in(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyRefused refused) {
				return refused;
			}
		}
		return null;
	}

}
