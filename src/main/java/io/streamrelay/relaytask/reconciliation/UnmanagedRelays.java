package io.streamrelay.relaytask.reconciliation;

import java.util.List;
import java.util.Map;

import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the vendor lists for an app (API-created tasks, ListRtcMPUTaskDetail) that this
 * service has no record of, and what the app's {@link UnmanagedPolicy} does with them.
 */
public final class UnmanagedRelays {

	/** At most this many vendor tasks are read per app (ten pages of 100). */
	public static final int MAX_LISTED = 1000;

	private static final Logger log = LoggerFactory.getLogger(UnmanagedRelays.class);

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final Map<String, UnmanagedPolicy> policies;

	public UnmanagedRelays(RelayTasks tasks, LiveRelayGateway gateway, Map<String, UnmanagedPolicy> policies) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.policies = Map.copyOf(policies);
	}

	/** What one pass found and did for one app. */
	public record Pass(String appId, List<UpstreamTaskView> found, int stopped) {
	}

	/** The app's policy: {@code REPORT} unless configured. */
	public UnmanagedPolicy policy(String appId) {
		return this.policies.getOrDefault(appId, UnmanagedPolicy.REPORT);
	}

	/** The relays the vendor lists for the app that this service has no record of. */
	public List<UpstreamTaskView> find(String appId) {
		return this.gateway.list(appId, MAX_LISTED)
			.stream()
			.filter((view) -> this.tasks.find(appId, view.taskId()).isEmpty())
			.toList();
	}

	/** Finds the app's unmanaged relays and applies its policy to each. */
	public Pass apply(String appId) {
		List<UpstreamTaskView> found = find(appId);
		UnmanagedPolicy policy = policy(appId);
		int stopped = 0;
		for (UpstreamTaskView relay : found) {
			log.info("Unmanaged relay {}/{} in channel {} (policy {})", appId, relay.taskId(), relay.channelId(),
					policy.name().toLowerCase());
			if (policy.stops() && stop(relay)) {
				stopped++;
			}
		}
		return new Pass(appId, found, stopped);
	}

	private boolean stop(UpstreamTaskView relay) {
		try {
			UpstreamReceipt receipt = this.gateway.stop(relay.appId(), relay.taskId());
			log.info("Unmanaged relay {}/{} stopped by the orphan guard (policy stop; vendor request {})",
					relay.appId(), relay.taskId(), receipt.requestId());
			return true;
		}
		catch (UpstreamFailure failure) {
			log.warn("Unmanaged relay {}/{}: the stop failed ({}); the next pass tries again", relay.appId(),
					relay.taskId(), failure.code());
			return false;
		}
	}

}
