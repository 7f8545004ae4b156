package io.streamrelay.relaytask.vendor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.streamrelay.relaytask.spec.RelaySpec;

/** A {@link LiveRelayGateway} that records calls and answers what the test scripts. */
public class RecordingGateway implements LiveRelayGateway {

	/** One recorded call. */
	public record Call(String action, String appId, String taskId, RelaySpec spec) {
	}

	private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger requestIds = new AtomicInteger();

	private final List<String> seis = Collections.synchronizedList(new ArrayList<>());

	private volatile Supplier<UpstreamFailure> failure;

	private volatile boolean describeFinds = true;

	private volatile boolean listKeepsStopped;

	private volatile Supplier<UpstreamFailure> describeFailure;

	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	public void failWith(Supplier<UpstreamFailure> next) {
		this.failure = next;
	}

	/** The vendor's list cannot be read (the other calls are set by failWith). */
	public void describeFailsWith(Supplier<UpstreamFailure> next) {
		this.describeFailure = next;
	}

	public void describeFinds(boolean finds) {
		this.describeFinds = finds;
	}

	/** The other reading of the vendor's list: it may keep stopped tasks. */
	public void listKeepsStopped(boolean keeps) {
		this.listKeepsStopped = keeps;
	}

	public void reset() {
		this.calls.clear();
		this.failure = null;
		this.describeFailure = null;
		this.describeFinds = true;
	}

	@Override
	public UpstreamReceipt start(String appId, String taskId, RelaySpec spec) {
		return call("start", appId, taskId, spec);
	}

	@Override
	public UpstreamReceipt update(String appId, String taskId, RelaySpec spec) {
		return call("update", appId, taskId, spec);
	}

	@Override
	public UpstreamReceipt stop(String appId, String taskId) {
		return call("stop", appId, taskId, null);
	}

	@Override
	public UpstreamReceipt setSei(String appId, String taskId, String customSei) {
		this.seis.add(customSei);
		return call("sei", appId, taskId, null);
	}

	/** The CustomSei texts sent, in order. */
	public List<String> seis() {
		return List.copyOf(this.seis);
	}

	@Override
	public Optional<UpstreamTaskView> describe(String appId, String taskId) {
		this.calls.add(new Call("describe", appId, taskId, null));
		Supplier<UpstreamFailure> failing = this.describeFailure;
		if (failing != null) {
			throw failing.get();
		}
		return this.describeFinds ? Optional.of(new UpstreamTaskView(appId, taskId, null, null, this.listKeepsStopped))
				: Optional.empty();
	}

	private final List<UpstreamTaskView> listed = Collections.synchronizedList(new ArrayList<>());

	/** Tasks the vendor lists for {@link #list}, besides nothing else. */
	public void lists(UpstreamTaskView task) {
		this.listed.add(task);
	}

	@Override
	public List<UpstreamTaskView> list(String appId, int maxTasks) {
		this.calls.add(new Call("list", appId, null, null));
		Supplier<UpstreamFailure> failing = this.describeFailure;
		if (failing != null) {
			throw failing.get();
		}
		synchronized (this.listed) {
			return this.listed.stream().filter((task) -> task.appId().equals(appId)).limit(maxTasks).toList();
		}
	}

	private UpstreamReceipt call(String action, String appId, String taskId, RelaySpec spec) {
		this.calls.add(new Call(action, appId, taskId, spec));
		Supplier<UpstreamFailure> next = this.failure;
		if (next != null) {
			throw next.get();
		}
		return new UpstreamReceipt("REQ-" + this.requestIds.incrementAndGet());
	}

}
