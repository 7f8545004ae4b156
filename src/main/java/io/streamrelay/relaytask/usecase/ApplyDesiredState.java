package io.streamrelay.relaytask.usecase;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.streamrelay.relaytask.spec.ImmutableFieldChange;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.RelayApps.RelayApp;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SpecPreparation;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskAlreadyExists;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.task.RelayTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declarative desired state (PUT): absent or ended → start; running with another spec →
 * one update; running (or on its way) with the same spec → nothing sent. A backend that
 * only ever PUTs what it wants converges, whatever it retries.
 */
public final class ApplyDesiredState {

	private static final Logger log = LoggerFactory.getLogger(ApplyDesiredState.class);

	private final RelayTasks tasks;

	private final RelayApps apps;

	private final RelayTaskService service;

	public ApplyDesiredState(RelayTasks tasks, RelayApps apps, RelayTaskService service) {
		this.tasks = tasks;
		this.apps = apps;
		this.service = service;
	}

	/** The task, and what applying the desired state did. */
	public record Applied(RelayTask task, Effect effect) {
	}

	/** What a PUT caused at the vendor. */
	public enum Effect {

		/** StartLiveMPUTask sent: the task was absent, stopped or failed. */
		STARTED,
		/** UpdateLiveMPUTask sent with the new spec. */
		UPDATED,
		/** Nothing sent: the task already runs (or is on its way to) this spec. */
		UNCHANGED,
		/**
		 * Nothing sent: only the task's own maxDurationSeconds changed, a local setting
		 * recorded with the task.
		 */
		RECORDED

	}

	/**
	 * {@code precondition} sees the task as read (empty when absent) and throws when the
	 * caller's If-Match / If-None-Match does not hold.
	 */
	public Applied apply(String appId, String taskId, RelaySpec requested, Consumer<Optional<RelayTask>> precondition) {
		RelayApp app = this.apps.find(appId).orElseThrow(() -> new UnknownApp(appId));
		Optional<RelayTask> existing = this.tasks.find(appId, taskId);
		precondition.accept(existing);
		try {
			return applyTo(app, taskId, requested, existing);
		}
		catch (RelayTaskAlreadyExists raced) {
			// a concurrent PUT of the same desired state won the insert: read again once
			Optional<RelayTask> now = this.tasks.find(appId, taskId);
			precondition.accept(now);
			return applyTo(app, taskId, requested, now);
		}
	}

	private Applied applyTo(RelayApp app, String taskId, RelaySpec requested, Optional<RelayTask> existing) {
		if (existing.isEmpty() || !existing.get().state().mayBeRunning()) {
			RelayTaskService.StartOutcome started = this.service.startTask(app.appId(), taskId, requested);
			log.info("PUT task {} of app {}: {}", taskId, app.appId(), started.created() ? "started" : "unchanged");
			return new Applied(started.task(), started.created() ? Effect.STARTED : Effect.UNCHANGED);
		}
		RelayTask current = existing.get();
		// omitted destinations keep the task's (re-signed on update), as a PATCH does
		RelaySpec desired = SpecPreparation.normalize(app, requested.destinations().isEmpty()
				? requested.withDestinations(current.spec().destinations()) : requested);
		RelaySpec target = current.state() == RelayTaskState.UPDATING && current.pendingSpec() != null
				? current.pendingSpec() : current.spec();
		if (desired.equals(target) && current.state() != RelayTaskState.STOPPING) {
			log.info("PUT task {} of app {}: unchanged ({}), nothing sent", taskId, app.appId(), current.state());
			return new Applied(current, Effect.UNCHANGED);
		}
		if (current.state() == RelayTaskState.ACTIVE && current.spec().differsOnlyInMaxDuration(desired)) {
			RelayTask recorded = this.service.update(current, desired);
			log.info("PUT task {} of app {}: maxDurationSeconds recorded, nothing sent", taskId, app.appId());
			return new Applied(recorded, Effect.RECORDED);
		}
		immutable(current, desired);
		if (current.state() != RelayTaskState.ACTIVE) {
			throw new RelayTaskStateConflict(taskId, current.state(), "apply another spec to");
		}
		RelayTask updated = this.service.update(current, desired);
		log.info("PUT task {} of app {}: updated", taskId, app.appId());
		return new Applied(updated, Effect.UPDATED);
	}

	/** The fields UpdateLiveMPUTask does not take (docs/aliyun-mpu-api.md §2.2). */
	private static void immutable(RelayTask current, RelaySpec desired) {
		RelaySpec now = current.spec();
		check(current, "channelId", now.channelId(), desired.channelId());
		check(current, "maxIdleSeconds", now.maxIdleSeconds(), desired.maxIdleSeconds());
		check(current, "region", now.region(), desired.region());
		check(current, "sei.payloadType", now.sei() == null ? null : now.sei().payloadType(),
				desired.sei() == null ? null : desired.sei().payloadType());
	}

	private static void check(RelayTask current, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			throw new ImmutableFieldChange(current.taskId(), field);
		}
	}

}
