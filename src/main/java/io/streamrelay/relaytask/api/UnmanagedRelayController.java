package io.streamrelay.relaytask.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelayHistory;
import io.streamrelay.relaytask.reconciliation.UnmanagedRelays;
import io.streamrelay.relaytask.spec.InvalidRelaySpec;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the relays the vendor runs for an app that this service has no record of (admin
 * keys only): one ListRtcMPUTaskDetail per page of 100 per request; and the stored
 * history of what the orphan guard did about them (no vendor call).
 */
@RestController
class UnmanagedRelayController {

	private static final int MAX_PAGE_SIZE = 100;

	private final UnmanagedRelays unmanaged;

	private final RelayApps apps;

	UnmanagedRelayController(UnmanagedRelays unmanaged, RelayApps apps) {
		this.unmanaged = unmanaged;
		this.apps = apps;
	}

	/** One unmanaged relay as the vendor lists it. */
	record UnmanagedRelay(String taskId, String channelId, @Schema(allowableValues = {
			"single", "mixed" }) String mode){
	}

	/** The app's unmanaged relays and what its policy does with them. */
	record UnmanagedRelayList(String appId, @Schema(allowableValues = {
			"report", "adopt", "stop" }) String policy, List<UnmanagedRelay> relays){
	}

	/**
	 * One action of the orphan guard on an unmanaged relay: {@code action} reported,
	 * adopted or stopped; {@code outcome} noted, succeeded or failed.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UnmanagedRelayAction(Instant at, String taskId, String channelId, @Schema(allowableValues = {
			"reported", "adopted", "stopped" }) String action,
			@Schema(allowableValues = { "noted", "succeeded", "failed" }) String outcome,
			@Schema(allowableValues = { "report", "adopt", "stop" }) String policy, String upstreamRequestId,
			String errorCode, String reason){
	}

	/** A page of the history, oldest first. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UnmanagedRelayHistoryPage(String appId, List<UnmanagedRelayAction> items, String nextPageToken) {
	}

	@GetMapping(path = "/v1/apps/{appId}/unmanaged-relays", produces = "application/json")
	UnmanagedRelayList list(@PathVariable String appId) {
		requireApp(appId);
		List<UnmanagedRelay> relays = this.unmanaged.find(appId).stream().map(UnmanagedRelayController::view).toList();
		return new UnmanagedRelayList(appId, word(this.unmanaged.policy(appId)), relays);
	}

	@GetMapping(path = "/v1/apps/{appId}/unmanaged-relays/history", produces = "application/json")
	UnmanagedRelayHistoryPage history(@PathVariable String appId, @RequestParam(required = false) Integer pageSize,
			@RequestParam(required = false) String pageToken) {
		requireApp(appId);
		int size = (pageSize == null) ? MAX_PAGE_SIZE : pageSize;
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRelaySpec("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<UnmanagedRelayHistory.Entry> entries = this.unmanaged.history(appId, afterId(pageToken), size + 1);
		boolean more = entries.size() > size;
		List<UnmanagedRelayHistory.Entry> page = more ? entries.subList(0, size) : entries;
		String next = more ? token(page.get(page.size() - 1).id()) : null;
		return new UnmanagedRelayHistoryPage(appId, page.stream().map(UnmanagedRelayController::view).toList(), next);
	}

	private void requireApp(String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new UnknownApp(appId);
		}
	}

	private static UnmanagedRelay view(UpstreamTaskView task) {
		return new UnmanagedRelay(task.taskId(), task.channelId(), (task.mode() == null) ? null : word(task.mode()));
	}

	private static UnmanagedRelayAction view(UnmanagedRelayHistory.Entry entry) {
		return new UnmanagedRelayAction(entry.at(), entry.taskId(), entry.channelId(), word(entry.action()),
				word(entry.outcome()), word(entry.policy()), entry.upstreamRequestId(), entry.errorCode(),
				entry.reason());
	}

	private static String token(long id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("u" + id).getBytes(StandardCharsets.UTF_8));
	}

	/** The id a page token we issued carries, 0 without one; anything else is a 400. */
	private static long afterId(String token) {
		if (token == null) {
			return 0;
		}
		if (token.length() <= 40) {
			try {
				String position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
				if (position.matches("u[0-9]{1,18}")) {
					return Long.parseLong(position.substring(1));
				}
			}
			catch (IllegalArgumentException ex) {
				// fall through: not a token we issued
			}
		}
		throw new InvalidRelaySpec("pageToken", "is not a token returned by this API");
	}

	private static String word(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
