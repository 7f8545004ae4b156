package io.streamrelay.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamrelay.apps.ConfiguredRelayApps;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.relaytask.events.VendorEvent;
import io.streamrelay.relaytask.events.VendorEvents;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vendor events of an app by status, newest first: {@code unmatched} (no task, or a
 * SubId that is not the app's) for an operator to look at, {@code pending},
 * {@code applied}.
 */
@RestController
class VendorEventController {

	private final VendorEvents events;

	private final ConfiguredRelayApps apps;

	VendorEventController(VendorEvents events, ConfiguredRelayApps apps) {
		this.events = events;
		this.apps = apps;
	}

	/** One stored event as callers see it (destination and body redacted at intake). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EventView(String msgId, String taskId, String subId, int eventType, int eventCode, int errorCode,
			String errorMessage, String dstUrl, Instant eventAt, Instant receivedAt, String source, String status,
			String note, Instant settledAt) {
	}

	record EventPage(List<EventView> items) {
	}

	@GetMapping("/v1/apps/{appId}/vendor-events")
	ResponseEntity<Object> list(@PathVariable String appId, @RequestParam(defaultValue = "unmatched") String status,
			@RequestParam(defaultValue = "100") String limit) {
		if (this.apps.app(appId).isEmpty()) {
			return Problems.entity(ProblemTypes.UNKNOWN_APP, "No RTC application " + appId + " is configured",
					Map.of("appId", appId));
		}
		VendorEvents.Status wanted;
		try {
			wanted = VendorEvents.Status.valueOf(status.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return invalid("status", "must be one of unmatched, pending, applied");
		}
		if (!limit.matches("[0-9]{1,3}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 500) {
			return invalid("limit", "must be an integer between 1 and 500");
		}
		List<EventView> items = this.events.list(appId, wanted, Integer.parseInt(limit))
			.stream()
			.map(VendorEventController::view)
			.toList();
		return ResponseEntity.ok(new EventPage(items));
	}

	private static EventView view(VendorEvents.StoredEvent stored) {
		VendorEvent e = stored.event();
		return new EventView(e.msgId(), e.taskId(), e.subId(), e.eventType(), e.eventCode(), e.errorCode(),
				e.errorMessage(), e.dstUrl(), e.eventAt(), e.receivedAt(), e.source().name().toLowerCase(Locale.ROOT),
				stored.status().name().toLowerCase(Locale.ROOT), stored.note(), stored.settledAt());
	}

	private static ResponseEntity<Object> invalid(String field, String rule) {
		return Problems.entity(ProblemTypes.VALIDATION, field + " " + rule,
				Map.of("errors", List.of(Map.of("field", field, "message", rule))));
	}

}
