package io.streamrelay.relaytask.usecase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.task.RelayTask;
import io.streamrelay.relaytask.task.RelayTaskEvent;
import io.streamrelay.relaytask.task.RelayTaskState;
import io.streamrelay.relaytask.task.RelayTaskStateConflict;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a custom SEI message to a running relay (SetLiveMpuTaskSei,
 * docs/aliyun-mpu-api.md §2.8): refused unless the task is active or updating; the
 * history records the content's length and SHA-256, never the content.
 */
public final class SendSei {

	/** The vendor's limit on CustomSei, in characters (§2.8). */
	public static final int MAX_CHARACTERS = 4096;

	private static final Set<RelayTaskState> RUNNING = Set.of(RelayTaskState.ACTIVE, RelayTaskState.UPDATING);

	private static final Logger log = LoggerFactory.getLogger(SendSei.class);

	private final RelayTasks tasks;

	private final LiveRelayGateway gateway;

	private final Clock clock;

	public SendSei(RelayTasks tasks, LiveRelayGateway gateway, Clock clock) {
		this.tasks = tasks;
		this.gateway = gateway;
		this.clock = clock;
	}

	/**
	 * What was sent: the task as it is, the vendor's RequestId and the content's digest.
	 */
	public record SeiSent(RelayTask task, String upstreamRequestId, int contentLength, String contentSha256,
			Instant sentAt) {
	}

	/**
	 * {@code customSei} is the JSON text sent as CustomSei; {@code task} as just read.
	 */
	public SeiSent send(RelayTask task, String customSei) {
		if (customSei == null || customSei.isEmpty() || customSei.length() > MAX_CHARACTERS) {
			throw new InvalidRelaySpec("content",
					"must be 1 to " + MAX_CHARACTERS + " characters once serialized as JSON");
		}
		if (!RUNNING.contains(task.state())) {
			throw new RelayTaskStateConflict(task.taskId(), task.state(), "send SEI to");
		}
		String sha256 = sha256(customSei);
		String detail = "custom SEI of " + customSei.length() + " characters, sha256 " + sha256;
		Instant now = this.clock.instant();
		log.info("SetLiveMpuTaskSei for task {} of app {}: {}", task.taskId(), task.appId(), detail);
		try {
			UpstreamReceipt receipt = this.gateway.setSei(task.appId(), task.taskId(), customSei);
			this.tasks.append(RelayTaskEvent.sei(task, now, receipt.requestId(), detail));
			log.info("SetLiveMpuTaskSei for task {} accepted, RequestId {}", task.taskId(), receipt.requestId());
			return new SeiSent(task, receipt.requestId(), customSei.length(), sha256, now);
		}
		catch (UpstreamFailure failure) {
			this.tasks.append(RelayTaskEvent.seiFailed(task, now, failure, detail));
			log.info("SetLiveMpuTaskSei for task {} failed: {} {}", task.taskId(), failure.getClass().getSimpleName(),
					failure.code());
			throw failure;
		}
	}

	static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
