package io.streamrelay.relaytask.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the store of vendor events: persisted first, applied after. */
public interface VendorEvents {

	/**
	 * Stores a new event as pending; false when its MsgId is already stored (a duplicate
	 * delivery), in which case nothing changes.
	 */
	boolean record(VendorEvent event);

	/** Whether an event with this MsgId is stored. */
	boolean known(String msgId);

	/** Pending events received before {@code before}, oldest first. */
	List<VendorEvent> pending(Instant before, int limit);

	/** Marks the event settled: applied (or noted in a task's history), or unmatched. */
	void settle(String msgId, Status status, String note, Instant at);

	/** Events of an app in a status, newest first. */
	List<StoredEvent> list(String appId, Status status, int limit);

	/** Where the reading of the vendor's delivery records of an app stopped. */
	Optional<Instant> recordsReadUntil(String appId);

	void recordsReadUntil(String appId, Instant until);

	/** What became of an event. */
	enum Status {

		/** Stored, not applied yet (or waiting for a call in flight to end). */
		PENDING,
		/** Applied to its task, or noted in its history. */
		APPLIED,
		/**
		 * Matches no task of the app, or the app's subscription: kept for an operator.
		 */
		UNMATCHED

	}

	/** An event with what became of it. */
	record StoredEvent(VendorEvent event, Status status, String note, Instant settledAt) {
	}

}
