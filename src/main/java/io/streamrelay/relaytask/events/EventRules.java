package io.streamrelay.relaytask.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskEvent.Action;
import io.streamrelay.relaytask.task.Transition;
import io.streamrelay.relaytask.task.VendorFacts;

/**
 * What a vendor event does to its task. Which source wins: a vendor-side end settles a
 * task that may be running as stopped, whatever request was pending, because the vendor
 * runs the relay; but an event older than the task's current run (a stop of the previous
 * run of the same MPUTaskId that arrives after a restart) only goes to the history, and
 * an event arriving while a call of ours is in flight waits until that call settled.
 */
public final class EventRules {

	static final int MAX_DETAIL = 1000;

	private EventRules() {
	}

	/** What to do with one event. */
	public sealed interface Decision {

	}

	/** Change the task (and record the event in its history). */
	public record Apply(Transition transition) implements Decision {
	}

	/** Record the event in the task's history without changing the task. */
	public record Note(RelayTaskEvent entry, long version) implements Decision {
	}

	/**
	 * Nothing to record in the task's history: the event confirms what the history says
	 * (a start, the end of a task already ended); it stays in the event list.
	 */
	public record Confirm(String note) implements Decision {
	}

	/** No task of the app matches: keep the event in the unmatched list. */
	public record Unmatched(String reason) implements Decision {
	}

	/** A call of ours is in flight for the task: apply once it has settled. */
	public record Wait(String reason) implements Decision {
	}

	public static Decision decide(Optional<RelayTask> found, Instant runStartedAt, VendorEvent event, Instant now) {
		if (found.isEmpty()) {
			return new Unmatched("no relay task " + event.taskId() + " in app " + event.appId());
		}
		RelayTask task = found.get();
		if (task.callInFlight()) {
			return new Wait("a call for the task is in flight");
		}
		String destination = event.dstUrl() == null ? "" : " (" + event.dstUrl() + ")";
		switch (event.kind()) {
			case ENDED:
				return ended(task, runStartedAt, event, destination, now);
			case RELAY_ERROR:
				return relayError(task, runStartedAt, event, destination, now);
			case STARTED:
				return new Confirm("the vendor reports the relay started" + destination);
			default:
				return note(task, event, "event type " + event.eventType() + " code " + event.eventCode()
						+ " is not known to this service: recorded only" + destination, now);
		}
	}

	/**
	 * When the task's current run began: its latest start or adoption, else its creation.
	 * Events from before belong to an earlier run of the same MPUTaskId.
	 */
	public static Instant runStartedAt(RelayTask task, List<RelayTaskEvent> history) {
		Instant at = task.createdAt();
		for (RelayTaskEvent entry : history) {
			if ((entry.action() == Action.START || entry.action() == Action.ADOPT) && entry.at().isAfter(at)) {
				at = entry.at();
			}
		}
		return at;
	}

	private static Decision ended(RelayTask task, Instant runStartedAt, VendorEvent event, String destination,
			Instant now) {
		if (event.eventAt().isBefore(runStartedAt)) {
			return stale(task, event, "end", runStartedAt, now);
		}
		if (!task.state().mayBeRunning()) {
			return new Confirm("the vendor reports the relay ended" + destination + "; already " + word(task));
		}
		return new Apply(VendorFacts.endedByVendor(task, event.code(),
				cut("the vendor ended the relay" + destination + " at " + event.eventAt() + message(event)), now));
	}

	private static Decision relayError(RelayTask task, Instant runStartedAt, VendorEvent event, String destination,
			Instant now) {
		if (event.eventAt().isBefore(runStartedAt)) {
			return stale(task, event, "relay error", runStartedAt, now);
		}
		String detail = cut("relay error " + event.errorCode() + " on a destination" + destination + message(event));
		if (!task.state().mayBeRunning()) {
			return new Confirm(cut(detail + "; already " + word(task)));
		}
		return new Apply(VendorFacts.relayError(task, event.code(), detail, now));
	}

	private static Decision stale(RelayTask task, VendorEvent event, String what, Instant runStartedAt, Instant now) {
		return note(task, event, "stale " + what + " reported at " + event.eventAt()
				+ ", before the current run began at " + runStartedAt + ": not applied", now);
	}

	private static Decision note(RelayTask task, VendorEvent event, String detail, Instant now) {
		return new Note(VendorFacts.noted(task, event.code(), cut(detail), now), task.version());
	}

	private static String message(VendorEvent event) {
		return event.errorMessage() == null || event.errorMessage().isBlank() ? "" : ": " + event.errorMessage();
	}

	private static String word(RelayTask task) {
		return task.state().name().toLowerCase(java.util.Locale.ROOT);
	}

	static String cut(String text) {
		return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
	}

}
