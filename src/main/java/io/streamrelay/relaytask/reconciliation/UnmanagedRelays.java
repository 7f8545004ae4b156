package io.streamrelay.relaytask.reconciliation;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Action;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Entry;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory.Outcome;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.task.Transition;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the vendor lists for an app (API-created tasks, ListRtcMPUTaskDetail) that this
 * service has no record of, what the app's {@link UnmanagedPolicy} does with them, and
 * the history of it.
 */
public final class UnmanagedRelays {

	/** At most this many vendor tasks are read per app (ten pages of 100). */
	public static final int MAX_LISTED = 1000;

	private static final Logger log = LoggerFactory.getLogger(UnmanagedRelays.class);

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final Map<String, UnmanagedPolicy> policies;

	private final UnmanagedRelayHistory history;

	private final Clock clock;

	public UnmanagedRelays(RelayTasks tasks, LiveRelayGateway gateway, Map<String, UnmanagedPolicy> policies,
			UnmanagedRelayHistory history, Clock clock) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.policies = Map.copyOf(policies);
		this.history = history;
		this.clock = clock;
	}

	/** Without a stored history (the policy decisions alone). */
	public UnmanagedRelays(RelayTasks tasks, LiveRelayGateway gateway, Map<String, UnmanagedPolicy> policies) {
		this(tasks, gateway, policies, UnmanagedRelayHistory.NONE, Clock.systemUTC());
	}

	/** What one pass found and did for one app. */
	public record Pass(String appId, List<UpstreamTaskView> found, int stopped, int adopted) {

		/** The relays still without a record here after the pass. */
		public int remaining() {
			return this.found.size() - this.stopped - this.adopted;
		}

	}

	/** The app's policy: {@code REPORT} unless configured. */
	public UnmanagedPolicy policy(String appId) {
		return this.policies.getOrDefault(appId, UnmanagedPolicy.REPORT);
	}

	/** The stored history of what the guard did about the app's unmanaged relays. */
	public List<Entry> history(String appId, long afterId, int limit) {
		return this.history.page(appId, afterId, limit);
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
		int adopted = 0;
		for (UpstreamTaskView relay : found) {
			log.info("Unmanaged relay {}/{} in channel {} (policy {})", appId, relay.taskId(), relay.channelId(),
					word(policy));
			reportIfNew(relay, policy);
			if (policy.stops() && stop(relay, policy)) {
				stopped++;
			}
			if (policy.adopts() && adopt(relay, policy)) {
				adopted++;
			}
		}
		return new Pass(appId, found, stopped, adopted);
	}

	/**
	 * One REPORTED entry per sighting: when the relay was never seen, or seen again after
	 * a stop that succeeded (a new run under the same id); not once per pass.
	 */
	private void reportIfNew(UpstreamTaskView relay, UnmanagedPolicy policy) {
		boolean known = this.history.latest(relay.appId(), relay.taskId())
			.map((last) -> !(last.action() == Action.STOPPED && last.outcome() == Outcome.SUCCEEDED))
			.orElse(false);
		if (!known) {
			record(relay, Action.REPORTED, Outcome.NOTED, policy, null, null,
					"listed by the vendor (ListRtcMPUTaskDetail) with no record here");
		}
	}

	private boolean stop(UpstreamTaskView relay, UnmanagedPolicy policy) {
		try {
			UpstreamReceipt receipt = this.gateway.stop(relay.appId(), relay.taskId());
			log.info("Unmanaged relay {}/{} stopped by the orphan guard (policy stop; vendor request {})",
					relay.appId(), relay.taskId(), receipt.requestId());
			record(relay, Action.STOPPED, Outcome.SUCCEEDED, policy, receipt.requestId(), null,
					"policy stop: StopLiveMPUTask accepted");
			return true;
		}
		catch (UpstreamFailure failure) {
			log.warn("Unmanaged relay {}/{}: the stop failed ({}); the next pass tries again", relay.appId(),
					relay.taskId(), failure.code());
			record(relay, Action.STOPPED, Outcome.FAILED, policy, failure.requestId(), failure.code(),
					"policy stop: StopLiveMPUTask failed; the next pass tries again");
			return false;
		}
	}

	/**
	 * A task record from what the vendor's list tells: channelId and mode. The users,
	 * layout, encode and destinations are left out rather than guessed (they decide what
	 * is billed); a PATCH or PUT must then give the whole spec.
	 */
	private boolean adopt(UpstreamTaskView relay, UnmanagedPolicy policy) {
		if (relay.channelId() == null || relay.mode() == null) {
			record(relay, Action.ADOPTED, Outcome.FAILED, policy, null, null,
					"policy adopt: the vendor's list names no channel or mode; not adopted");
			return false;
		}
		RelaySpec known = new RelaySpec(relay.channelId(), relay.mode(), null, null, List.of(), null, null, null);
		Transition adopted = RelayTask.adoptedFromVendorList(relay.appId(), relay.taskId(), known,
				this.clock.instant());
		try {
			this.tasks.insert(adopted.after(), adopted.event());
		}
		catch (RelayTaskAlreadyExists raced) {
			log.info("Unmanaged relay {}/{}: a task record appeared meanwhile; not adopted", relay.appId(),
					relay.taskId());
			return false;
		}
		log.info("Unmanaged relay {}/{} adopted by the orphan guard (policy adopt)", relay.appId(), relay.taskId());
		record(relay, Action.ADOPTED, Outcome.SUCCEEDED, policy, null, null,
				"policy adopt: task record created (origin adopted) from the vendor's list; no vendor call");
		return true;
	}

	private void record(UpstreamTaskView relay, Action action, Outcome outcome, UnmanagedPolicy policy,
			String requestId, String errorCode, String reason) {
		try {
			this.history.record(new Entry(null, relay.appId(), relay.taskId(), relay.channelId(), action, outcome,
					policy, requestId, errorCode, reason, this.clock.instant()));
		}
		catch (RuntimeException ex) {
			// the action itself happened: a lost history entry must not undo or repeat it
			log.warn("Unmanaged relay {}/{}: could not record {} in the history", relay.appId(), relay.taskId(),
					word(action), ex);
		}
	}

	private static String word(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
