package io.streamrelay.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.streamrelay.emulator.CallbackFaults.Fault;
import io.streamrelay.emulator.EmulatedSubscriptions.Delivery;
import io.streamrelay.emulator.EmulatedSubscriptions.Subscription;
import io.streamrelay.redaction.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * POSTs the vendor's RtcMPUEventSub callbacks, one per destination URL, when a task
 * starts, stops, is ended by the vendor or reports a relay error; records every delivery
 * for ListRtcMPUEventSubRecord and applies the callback fault plan. Deliveries go out in
 * order on one thread, and only to loopback addresses.
 */
public final class CallbackDispatcher implements EmulatorState.TaskListener {

	/** The emulator's reading of the undocumented codes (EventKind in the service). */
	static final int TYPE_RELAY = 1;

	static final int CODE_STARTED = 1;

	static final int CODE_ENDED = 2;

	static final int CODE_ERROR = 3;

	private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

	private final EmulatedSubscriptions subscriptions;

	private final CallbackFaults faults;

	private final Clock clock;

	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "emulator-callbacks");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final AtomicReference<Runnable> held = new AtomicReference<>();

	private final AtomicInteger queued = new AtomicInteger();

	CallbackDispatcher(EmulatedSubscriptions subscriptions, CallbackFaults faults, Clock clock) {
		this.subscriptions = subscriptions;
		this.faults = faults;
		this.clock = clock;
	}

	@Override
	public void started(EmulatedTask task) {
		destinations(task).forEach((url) -> event(task, url, CODE_STARTED, 0, ""));
	}

	@Override
	public void ended(EmulatedTask task, boolean byVendor) {
		destinations(task).forEach((url) -> event(task, url, CODE_ENDED, 0, ""));
	}

	/**
	 * One callback per destination URL; a client-SDK relay, whose destination the
	 * emulator does not know (the console's streaming domain), gets one with an empty
	 * DstUrl.
	 */
	private static java.util.List<String> destinations(EmulatedTask task) {
		return task.streamUrls().isEmpty() ? java.util.List.of("") : task.streamUrls();
	}

	/** A relay error on one destination; the task keeps running. */
	void relayError(EmulatedTask task, String url, int errorCode, String message) {
		event(task, url, CODE_ERROR, errorCode, message);
	}

	void event(EmulatedTask task, String dstUrl, int eventCode, int errorCode, String message) {
		Subscription sub = this.subscriptions.find(task.appId()).orElse(null);
		if (sub == null || !sub.covers(task.channelId())) {
			return;
		}
		ObjectNode body = JsonParams.MAPPER.createObjectNode();
		body.put("EventType", TYPE_RELAY);
		body.put("MsgId", UUID.randomUUID().toString());
		body.put("AppId", task.appId());
		body.put("SubId", sub.subId());
		body.put("TaskId", task.taskId());
		ObjectNode payload = body.putObject("Payload");
		payload.put("DstUrl", dstUrl);
		payload.put("EventTs", this.clock.millis());
		payload.put("EventCode", eventCode);
		payload.put("ErrorCode", errorCode);
		payload.put("ErrorMessage", message);
		schedule(sub, body, this.faults.take());
	}

	private void schedule(Subscription sub, ObjectNode body, Fault fault) {
		this.queued.incrementAndGet();
		Runnable send = () -> {
			try {
				deliver(sub, body, fault != null && fault.mode() == CallbackFaults.Mode.DROP);
				if (fault != null && fault.mode() == CallbackFaults.Mode.DUPLICATE) {
					deliver(sub, body, false);
				}
			}
			finally {
				this.queued.decrementAndGet();
			}
		};
		if (fault != null && fault.mode() == CallbackFaults.Mode.REORDER) {
			Runnable previous = this.held.getAndSet(send);
			if (previous != null) {
				this.sender.execute(previous);
			}
			return;
		}
		long delay = fault != null && fault.mode() == CallbackFaults.Mode.DELAY ? fault.delay().toMillis() : 0;
		this.sender.schedule(() -> {
			send.run();
			Runnable heldBack = this.held.getAndSet(null);
			if (heldBack != null) {
				heldBack.run();
			}
		}, delay, TimeUnit.MILLISECONDS);
	}

	private void deliver(Subscription sub, ObjectNode body, boolean drop) {
		Instant at = this.clock.instant();
		body.put("CallbackTs", at.toEpochMilli());
		String data = body.toString();
		long started = System.nanoTime();
		String code;
		if (drop) {
			code = "504";
			log.info("Emulator dropped callback {} for {}/{} (fault plan)", body.get("MsgId").asString(),
					body.get("AppId").asString(), body.get("TaskId").asString());
		}
		else {
			code = post(sub.callbackUrl(), data);
			log.info("Emulator callback {} (code {}) for {}/{}: HTTP {}", body.get("MsgId").asString(),
					body.get("Payload").get("EventCode").asInt(), body.get("AppId").asString(),
					body.get("TaskId").asString(), code);
		}
		long cost = (System.nanoTime() - started) / 1_000_000;
		this.subscriptions.recordDelivery(new Delivery(sub.appId(), sub.subId(), body.get("MsgId").asString(), data, at,
				cost, sub.callbackUrl(), code));
	}

	private String post(String url, String data) {
		try {
			URI uri = URI.create(url);
			if (uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
				log.warn("Emulator callback not sent: {} is not a loopback address", Redaction.text(url));
				return "0";
			}
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json")
				.header("Ali-Rtc-Timestamp", Long.toString(this.clock.millis()))
				.POST(HttpRequest.BodyPublishers.ofString(data))
				.build();
			return Integer.toString(this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "0";
		}
		catch (Exception ex) {
			log.warn("Emulator callback to {} failed: {}", Redaction.text(url), ex.toString());
			return "0";
		}
	}

	/** Whether every queued delivery went out (a held-back one counts as queued). */
	public boolean idle() {
		return this.queued.get() == 0;
	}

	/** Sends a delivery held back for reordering now. */
	void flushHeld() {
		Runnable heldBack = this.held.getAndSet(null);
		if (heldBack != null) {
			this.sender.execute(heldBack);
		}
	}

	void shutdown() {
		this.sender.shutdownNow();
	}

}
