package io.streamrelay.upstream.resilience;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;

/**
 * A {@link LiveRelayGateway} that retries what is safe to retry, pauses calls while the
 * vendor is failing and keeps each operation under the vendor's QPS; see
 * docs/resilience.md.
 */
public final class ResilientLiveRelayGateway implements LiveRelayGateway {

	private final LiveRelayGateway vendor;

	private final Map<VendorOperation, OperationGuard> guards = new EnumMap<>(VendorOperation.class);

	public ResilientLiveRelayGateway(LiveRelayGateway vendor, RetryRegistry retries, CircuitBreakerRegistry breakers,
			RateLimiterRegistry limiters) {
		this.vendor = vendor;
		for (VendorOperation operation : VendorOperation.values()) {
			this.guards.put(operation, OperationGuard.of(operation, retries, breakers, limiters));
		}
	}

	@Override
	public UpstreamReceipt start(String appId, String taskId, RelaySpec spec) {
		Attempts attempts = new Attempts();
		try {
			return guard(VendorOperation.START).call(() -> this.vendor.start(appId, taskId, spec), attempts);
		}
		catch (UpstreamFailure.Rejected rejected) {
			// The vendor refuses a Start whose TaskId still runs (docs/aliyun-mpu-api.md
			// §2.9): maybe our own.
			return resolveDoubleCall(appId, taskId, attempts, rejected, true);
		}
		catch (UpstreamFailure failure) {
			throw attempts.reportable(failure);
		}
	}

	@Override
	public UpstreamReceipt update(String appId, String taskId, RelaySpec spec) {
		Attempts attempts = new Attempts();
		try {
			return guard(VendorOperation.UPDATE).call(() -> this.vendor.update(appId, taskId, spec), attempts);
		}
		catch (UpstreamFailure.Rejected rejected) {
			// The same full parameters were refused, so an earlier attempt would have
			// been refused too.
			throw rejected;
		}
		catch (UpstreamFailure failure) {
			throw attempts.reportable(failure);
		}
	}

	@Override
	public UpstreamReceipt stop(String appId, String taskId) {
		Attempts attempts = new Attempts();
		try {
			return guard(VendorOperation.STOP).call(() -> this.vendor.stop(appId, taskId), attempts);
		}
		catch (UpstreamFailure.Rejected rejected) {
			// A stop that already took effect is answered "task not found" when repeated.
			return resolveDoubleCall(appId, taskId, attempts, rejected, false);
		}
		catch (UpstreamFailure failure) {
			throw attempts.reportable(failure);
		}
	}

	@Override
	public UpstreamReceipt setSei(String appId, String taskId, String customSei) {
		Attempts attempts = new Attempts();
		try {
			return guard(VendorOperation.SEI).call(() -> this.vendor.setSei(appId, taskId, customSei), attempts);
		}
		catch (UpstreamFailure.Rejected rejected) {
			throw rejected;
		}
		catch (UpstreamFailure failure) {
			throw attempts.reportable(failure);
		}
	}

	@Override
	public Optional<UpstreamTaskView> describe(String appId, String taskId) {
		return guard(VendorOperation.DESCRIBE).call(() -> this.vendor.describe(appId, taskId), new Attempts());
	}

	@Override
	public java.util.List<UpstreamTaskView> list(String appId, int maxTasks) {
		return guard(VendorOperation.DESCRIBE).call(() -> this.vendor.list(appId, maxTasks), new Attempts());
	}

	/**
	 * A rejection that follows an attempt of unknown outcome may be the vendor seeing
	 * that attempt's effect: the vendor's list decides. Success when the task runs
	 * ({@code runningMeansDone}, start) or no longer runs (stop); otherwise, and when the
	 * list cannot be read, the outcome stays unknown.
	 */
	private UpstreamReceipt resolveDoubleCall(String appId, String taskId, Attempts attempts,
			UpstreamFailure.Rejected rejected, boolean runningMeansDone) {
		UpstreamFailure unknown = attempts.lastUnknownOutcome();
		if (unknown == null) {
			throw rejected;
		}
		Optional<UpstreamTaskView> view;
		try {
			view = describe(appId, taskId);
		}
		catch (UpstreamFailure notListed) {
			throw unknown;
		}
		// listed proves running only where the list holds running tasks alone
		boolean provenRunning = UpstreamTaskView.provesRunning(view);
		// a stop refused after an attempt that may have acted is done unless the list
		// proves the task still runs
		boolean done = runningMeansDone ? provenRunning : !provenRunning;
		if (done) {
			return new UpstreamReceipt(rejected.requestId());
		}
		// The list does not confirm, but the earlier attempt may still be in flight or
		// the list may lag: the
		// outcome stays unknown (the task stays transitional for the reconciler), never a
		// refusal.
		throw unknown;
	}

	OperationGuard guard(VendorOperation operation) {
		return this.guards.get(operation);
	}

}
