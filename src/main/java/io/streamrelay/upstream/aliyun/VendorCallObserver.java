package io.streamrelay.upstream.aliyun;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timer sample per vendor call (every attempt, retries included):
 * app, task, action, outcome, vendor code, vendor RequestId, duration. The timer's tags
 * stay low-cardinality: app, operation, outcome and the code's class, never a task id.
 */
final class VendorCallObserver {

	static final String TIMER = "streamrelay.vendor.calls";

	private static final Logger log = LoggerFactory.getLogger(VendorCallObserver.class);

	private final MeterRegistry registry;

	VendorCallObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	<T> T observe(String action, String appId, String taskId, Supplier<T> call, Function<T, String> requestIdOf) {
		long started = System.nanoTime();
		try {
			T result = call.get();
			finish(action, appId, taskId, started, "ok", null, requestIdOf.apply(result));
			return result;
		}
		catch (UpstreamFailure failure) {
			finish(action, appId, taskId, started, outcome(failure), failure.code(), failure.requestId());
			throw failure;
		}
		catch (RuntimeException ex) {
			finish(action, appId, taskId, started, "error", null, null);
			throw ex;
		}
	}

	private void finish(String action, String appId, String taskId, long started, String outcome, String code,
			String requestId) {
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Timer.builder(TIMER)
			.description("Calls to the vendor's MPU operations (each attempt)")
			.tag("app", appId)
			.tag("operation", action)
			.tag("outcome", outcome)
			.tag("code", codeClass(code))
			.register(this.registry)
			.record(took);
		if ("ok".equals(outcome)) {
			log.info("Vendor call {} app={} task={} outcome={} vendorRequestId={} durationMs={}", action, appId, taskId,
					outcome, requestId, took.toMillis());
		}
		else {
			log.warn("Vendor call {} app={} task={} outcome={} code={} vendorRequestId={} durationMs={}", action, appId,
					taskId, outcome, code, requestId, took.toMillis());
		}
	}

	static String outcome(UpstreamFailure failure) {
		if (failure instanceof UpstreamFailure.Rejected) {
			return "rejected";
		}
		if (failure instanceof UpstreamFailure.Throttled) {
			return "throttled";
		}
		if (failure instanceof UpstreamFailure.Unreachable) {
			return "unreachable";
		}
		if (failure instanceof UpstreamFailure.TimedOut) {
			return "timed_out";
		}
		if (failure instanceof UpstreamFailure.AuthFailed) {
			return "auth_failed";
		}
		if (failure instanceof UpstreamFailure.RateLimited) {
			return "rate_limited";
		}
		return "bad_response";
	}

	/**
	 * The part of a vendor code before its first dot ({@code Throttling.User} →
	 * {@code Throttling}): the family, bounded by the vendor's documentation.
	 */
	static String codeClass(String code) {
		if (code == null || code.isBlank()) {
			return "none";
		}
		int dot = code.indexOf('.');
		String family = (dot > 0) ? code.substring(0, dot) : code;
		return family.replaceAll("[^A-Za-z0-9_]", "");
	}

}
