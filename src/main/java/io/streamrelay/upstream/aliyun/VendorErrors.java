package io.streamrelay.upstream.aliyun;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.util.Set;

import com.aliyuncs.exceptions.ClientException;
import io.streamrelay.relaytask.vendor.UpstreamFailure;

/**
 * Turns vendor error answers and SDK failures into {@link UpstreamFailure}s; the table is
 * in docs/error-mapping.md.
 *
 * <pre>
 * vendor answer (HTTP status + Code)                         failure      outcomeKnown
 * Throttling, Throttling.*           any status              Throttled    yes
 * InvalidAccessKeyId.*, SignatureDoesNotMatch,               AuthFailed   yes
 *   IncompleteSignature, InvalidTimeStamp.*, SignatureNonceUsed,
 *   Forbidden*, OperationDenied      any status
 * no readable Code (HTML, empty, not JSON)  any status       BadResponse  no
 * any other Code                     status &gt;= 500        BadResponse  no
 * any other Code                     status &lt; 500         Rejected     yes
 * 2xx whose body the SDK cannot read                         BadResponse  no
 *
 * SDK failure (ClientException code, no HTTP answer)
 * SDK.ReadTimeout                                            TimedOut     no
 * SDK.ServerUnreachable caused by refused/unknown host/no route/connect timeout
 *                                                            Unreachable  yes
 * SDK.ServerUnreachable otherwise (reset, empty or broken response after sending)
 *                                                            BadResponse  no
 * SDK.InvalidAccessKeySecret, SDK.InvalidAccessSecret        AuthFailed   yes
 * SDK.EndpointResolvingError, SDK.InvalidProfile             Unreachable  yes
 * any other code, or none                                    BadResponse  no
 * </pre>
 */
final class VendorErrors {

	private static final Set<String> AUTH_CODES = Set.of("SignatureDoesNotMatch", "IncompleteSignature",
			"SignatureNonceUsed", "OperationDenied", "SDK.InvalidAccessKeySecret", "SDK.InvalidAccessSecret");

	private static final Set<String> AUTH_PREFIXES = Set.of("InvalidAccessKeyId", "InvalidTimeStamp", "Forbidden");

	private static final Set<String> NOT_SENT_CODES = Set.of("SDK.EndpointResolvingError", "SDK.InvalidProfile");

	/** What a body without a vendor error code is reported as. */
	static final String UNREADABLE = "UnreadableResponse";

	private VendorErrors() {
	}

	/** An HTTP answer outside 2xx, with what the SDK could read of the error body. */
	static UpstreamFailure fromAnswer(int status, String code, String message, String requestId) {
		String id = present(requestId);
		if (present(code) == null) {
			return new UpstreamFailure.BadResponse(UNREADABLE,
					"vendor answered HTTP " + status + " without a readable error", id);
		}
		String safe = SafeText.of(message);
		if (code.equals("Throttling") || code.startsWith("Throttling.")) {
			return new UpstreamFailure.Throttled(code, safe, id);
		}
		if (isAuth(code)) {
			return new UpstreamFailure.AuthFailed(code, safe, id);
		}
		if (status >= 500) {
			return new UpstreamFailure.BadResponse(code, safe, id);
		}
		return new UpstreamFailure.Rejected(code, safe, id, status);
	}

	/**
	 * A failure the SDK raised itself; its message embeds the signed URL, so it is never
	 * passed on.
	 */
	static UpstreamFailure fromSdk(ClientException failure) {
		String code = present(failure.getErrCode());
		if (code == null) {
			return new UpstreamFailure.BadResponse(UNREADABLE, "the SDK could not read the vendor's answer", null);
		}
		if (code.equals("SDK.ReadTimeout")) {
			return new UpstreamFailure.TimedOut(code, "no answer from the vendor within the read timeout");
		}
		if (code.equals("SDK.ServerUnreachable")) {
			Throwable cause = notSentCause(failure);
			return cause != null
					? new UpstreamFailure.Unreachable(code, "could not connect to the vendor (" + describe(cause) + ")")
					: new UpstreamFailure.BadResponse(code,
							"connection to the vendor broke after the request was sent (" + describe(rootOf(failure))
									+ ")",
							null);
		}
		if (isAuth(code)) {
			return new UpstreamFailure.AuthFailed(code, "the configured AccessKey secret is not valid", null);
		}
		if (NOT_SENT_CODES.contains(code)) {
			return new UpstreamFailure.Unreachable(code, "the SDK could not prepare the call");
		}
		return new UpstreamFailure.BadResponse(code, "the SDK could not read the vendor's answer", null);
	}

	private static boolean isAuth(String code) {
		return AUTH_CODES.contains(code) || AUTH_PREFIXES.stream().anyMatch(code::startsWith);
	}

	/**
	 * The cause proving no byte reached the vendor, or null when the request may have
	 * been sent.
	 */
	private static Throwable notSentCause(Throwable failure) {
		for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof PortUnreachableException
					// Apache HttpClient's connect timeout, named rather than imported: it
					// is an SDK internal.
					|| cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
				return cause;
			}
		}
		return null;
	}

	private static Throwable rootOf(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	/** Exception type only: socket exception texts can name hosts and URLs. */
	private static String describe(Throwable cause) {
		return cause.getClass().getSimpleName();
	}

	/** The SDK writes the literal text "(null)" when an error body has no such field. */
	private static String present(String value) {
		return value == null || value.isBlank() || value.equals("(null)") ? null : value;
	}

}
