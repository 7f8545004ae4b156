package io.streamrelay.relaytask.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.streamrelay.relaytask.events.EventRules.Apply;
import io.streamrelay.relaytask.events.EventRules.Confirm;
import io.streamrelay.relaytask.events.EventRules.Decision;
import io.streamrelay.relaytask.events.EventRules.Note;
import io.streamrelay.relaytask.events.EventRules.Unmatched;
import io.streamrelay.relaytask.events.EventRules.Wait;
import io.streamrelay.relaytask.events.VendorEvents.Status;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored vendor events to their tasks ({@link EventRules}) and settles them. An
 * event that cannot be applied now (a call in flight, a concurrent write) stays pending:
 * the next pass applies it, so an event persisted is never lost.
 */
public final class EventApplier {

	private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

	private final RelayTasks tasks;

	private final VendorEvents events;

	private final Clock clock;

	public EventApplier(RelayTasks tasks, VendorEvents events, Clock clock) {
		this.tasks = tasks;
		this.events = events;
		this.clock = clock;
	}

	/** What became of one event. */
	public enum Result {

		/** The task changed. */
		APPLIED,
		/** Only the task's history got an entry. */
		NOTED,
		/** Confirms what the task's history says: nothing written to the task. */
		CONFIRMED,
		/** No task matches. */
		UNMATCHED,
		/** Stays pending for a later pass. */
		PENDING

	}

	public synchronized Result apply(VendorEvent event) {
		Instant now = this.clock.instant();
		Optional<RelayTask> task = event.taskId() == null ? Optional.empty()
				: this.tasks.find(event.appId(), event.taskId());
		Instant runStartedAt = task.map((t) -> EventRules.runStartedAt(t, this.tasks.events(t.appId(), t.taskId())))
			.orElse(Instant.MIN);
		Decision decision = EventRules.decide(task, runStartedAt, event, now);
		Result result = execute(decision, event, now);
		log.info("Vendor event {} ({} {}) for {}/{}: {}", event.msgId(), event.code(), event.source(), event.appId(),
				event.taskId(), describe(decision, result));
		return result;
	}

	/** Applies the events still pending that arrived before {@code before}. */
	public int applyPending(Instant before, int limit) {
		List<VendorEvent> pending = this.events.pending(before, limit);
		int settled = 0;
		for (VendorEvent event : pending) {
			try {
				if (apply(event) != Result.PENDING) {
					settled++;
				}
			}
			catch (RuntimeException ex) {
				// one event must not block the others; it stays pending
				log.warn("Could not apply vendor event {} for {}/{}", event.msgId(), event.appId(), event.taskId(), ex);
			}
		}
		return settled;
	}

	private Result execute(Decision decision, VendorEvent event, Instant now) {
		if (decision instanceof Apply apply) {
			boolean written = this.tasks.update(apply.transition().after(), apply.transition().before().version(),
					apply.transition().event());
			return settle(event, written, Result.APPLIED, apply.transition().event().detail(), now);
		}
		if (decision instanceof Note note) {
			return settle(event, this.tasks.appendIfUnchanged(note.entry(), note.version()), Result.NOTED,
					note.entry().detail(), now);
		}
		if (decision instanceof Unmatched unmatched) {
			this.events.settle(event.msgId(), Status.UNMATCHED, unmatched.reason(), now);
			return Result.UNMATCHED;
		}
		if (decision instanceof Confirm confirm) {
			this.events.settle(event.msgId(), Status.APPLIED, confirm.note(), now);
			return Result.CONFIRMED;
		}
		return Result.PENDING;
	}

	private Result settle(VendorEvent event, boolean written, Result result, String note, Instant now) {
		if (!written) {
			return Result.PENDING; // the task changed meanwhile: decided again next pass
		}
		this.events.settle(event.msgId(), Status.APPLIED, note, now);
		return result;
	}

	private static String describe(Decision decision, Result result) {
		if (result == Result.PENDING && !(decision instanceof Wait)) {
			return "task changed meanwhile, stays pending";
		}
		if (decision instanceof Apply apply) {
			return "task now " + apply.transition().after().state().name().toLowerCase(java.util.Locale.ROOT);
		}
		if (decision instanceof Unmatched unmatched) {
			return "unmatched: " + unmatched.reason();
		}
		if (decision instanceof Wait waiting) {
			return "stays pending: " + waiting.reason();
		}
		if (decision instanceof Confirm confirm) {
			return "confirms the history: " + confirm.note();
		}
		return "noted in history";
	}

}
