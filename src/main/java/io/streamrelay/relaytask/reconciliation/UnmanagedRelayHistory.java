package io.streamrelay.relaytask.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port to the stored history of what the orphan guard did about unmanaged relays:
 * reported (first seen), adopted, stopped, each with its outcome and reason.
 */
public interface UnmanagedRelayHistory {

	/** Appends one entry. */
	void record(Entry entry);

	/** The latest entry about a relay, empty when it was never seen. */
	Optional<Entry> latest(String appId, String taskId);

	/** Entries of an app after {@code afterId} (0: from the first), oldest first. */
	List<Entry> page(String appId, long afterId, int limit);

	/** A history that keeps nothing (tests of the policy decisions alone). */
	UnmanagedRelayHistory NONE = new UnmanagedRelayHistory() {

		@Override
		public void record(Entry entry) {
		}

		@Override
		public Optional<Entry> latest(String appId, String taskId) {
			return Optional.empty();
		}

		@Override
		public List<Entry> page(String appId, long afterId, int limit) {
			return List.of();
		}

	};

	/** What the orphan guard did. */
	enum Action {

		/** Seen for the first time (or again after it was stopped). */
		REPORTED,
		/** A task record created for it (policy adopt). */
		ADOPTED,
		/** A StopLiveMPUTask sent (policy stop). */
		STOPPED

	}

	/** How it went: noted (a report), succeeded or failed. */
	enum Outcome {

		NOTED, SUCCEEDED, FAILED

	}

	/**
	 * One entry; {@code id} is null until stored, {@code upstreamRequestId} and
	 * {@code errorCode} only for a vendor call.
	 */
	record Entry(Long id, String appId, String taskId, String channelId, Action action, Outcome outcome,
			UnmanagedPolicy policy, String upstreamRequestId, String errorCode, String reason, Instant at) {

		public Entry {
			java.util.Objects.requireNonNull(appId, "appId");
			java.util.Objects.requireNonNull(taskId, "taskId");
			java.util.Objects.requireNonNull(action, "action");
			java.util.Objects.requireNonNull(outcome, "outcome");
			java.util.Objects.requireNonNull(policy, "policy");
			java.util.Objects.requireNonNull(reason, "reason");
			java.util.Objects.requireNonNull(at, "at");
		}

	}

}
