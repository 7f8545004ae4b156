package io.streamrelay.relaytask.relaycheck;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.Transition;
import io.streamrelay.relaytask.task.VendorFacts;

/**
 * What one observation of the CDN's list does: the check records it; an active task whose
 * stream has not been listed for longer than the grace gets a history entry and lastError
 * {@code RelayOffline} (once); listed again after that, a history entry. The task's state
 * never changes: the CDN list is evidence about the stream, not about the task (a relay
 * with no publisher is offline but running).
 */
public final class RelayCheckRules {

	private RelayCheckRules() {
	}

	/** The new check and the transition to store with it, if any. */
	public record Outcome(RelayCheck check, Optional<Transition> transition) {
	}

	public static Outcome observe(RelayTask task, Optional<RelayCheck> previous, boolean online, Instant now,
			Duration grace) {
		boolean changed = previous.isEmpty() || previous.get().online() != online;
		Instant since = changed ? now : previous.get().since();
		boolean reported = previous.isPresent() && previous.get().offlineReported();
		if (!online && !reported && !now.isBefore(since.plus(grace))) {
			Transition offline = VendorFacts.relayOffline(task,
					"the CDN has not listed the relayed stream since " + since + " (longer than " + grace + ")", now);
			return new Outcome(new RelayCheck(task.appId(), task.taskId(), false, now, since, true),
					Optional.of(offline));
		}
		if (online && reported) {
			Transition back = VendorFacts.relayBackOnline(task, "the CDN lists the relayed stream again", now);
			return new Outcome(new RelayCheck(task.appId(), task.taskId(), true, now, since, false), Optional.of(back));
		}
		return new Outcome(new RelayCheck(task.appId(), task.taskId(), online, now, since, reported), Optional.empty());
	}

}
