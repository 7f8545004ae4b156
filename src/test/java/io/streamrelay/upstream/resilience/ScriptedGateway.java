package io.streamrelay.upstream.resilience;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;

/**
 * A vendor that answers each operation from a script: queued failures first, then success
 * (or, once {@link #always} is set, that failure forever). Counts every call.
 */
final class ScriptedGateway implements LiveRelayGateway {

	private final Map<VendorOperation, Deque<Supplier<UpstreamFailure>>> scripts = new EnumMap<>(VendorOperation.class);

	private final Map<VendorOperation, Supplier<UpstreamFailure>> always = new EnumMap<>(VendorOperation.class);

	private final Map<VendorOperation, Integer> calls = new EnumMap<>(VendorOperation.class);

	private boolean taskListed;

	ScriptedGateway fails(VendorOperation operation, Supplier<UpstreamFailure> failure) {
		this.scripts.computeIfAbsent(operation, (key) -> new ArrayDeque<>()).add(failure);
		return this;
	}

	ScriptedGateway always(VendorOperation operation, Supplier<UpstreamFailure> failure) {
		this.always.put(operation, failure);
		return this;
	}

	/** Whether a successful describe lists the task. */
	ScriptedGateway listsTask(boolean listed) {
		this.taskListed = listed;
		return this;
	}

	int calls(VendorOperation operation) {
		return this.calls.getOrDefault(operation, 0);
	}

	int totalCalls() {
		return this.calls.values().stream().mapToInt(Integer::intValue).sum();
	}

	@Override
	public UpstreamReceipt start(String appId, String taskId, RelaySpec spec) {
		return answer(VendorOperation.START);
	}

	@Override
	public UpstreamReceipt update(String appId, String taskId, RelaySpec spec) {
		return answer(VendorOperation.UPDATE);
	}

	@Override
	public UpstreamReceipt stop(String appId, String taskId) {
		return answer(VendorOperation.STOP);
	}

	@Override
	public UpstreamReceipt setSei(String appId, String taskId, String customSei) {
		return answer(VendorOperation.SEI);
	}

	@Override
	public Optional<UpstreamTaskView> describe(String appId, String taskId) {
		answer(VendorOperation.DESCRIBE);
		return this.taskListed ? Optional.of(new UpstreamTaskView(appId, taskId, "ch1", RelayMode.SINGLE))
				: Optional.empty();
	}

	@Override
	public java.util.List<UpstreamTaskView> list(String appId, int maxTasks) {
		answer(VendorOperation.DESCRIBE);
		return java.util.List.of();
	}

	private UpstreamReceipt answer(VendorOperation operation) {
		int call = this.calls.merge(operation, 1, Integer::sum);
		Deque<Supplier<UpstreamFailure>> script = this.scripts.get(operation);
		if (script != null && !script.isEmpty()) {
			throw script.poll().get();
		}
		if (this.always.containsKey(operation)) {
			throw this.always.get(operation).get();
		}
		return new UpstreamReceipt(operation.name().toLowerCase() + "-ok-" + call);
	}

}
