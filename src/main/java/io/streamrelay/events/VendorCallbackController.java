package io.streamrelay.events;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import io.streamrelay.apps.ConfiguredRelayApps;
import io.streamrelay.problems.ProblemTypes;
import io.streamrelay.problems.Problems;
import io.streamrelay.redaction.Redaction;
import io.streamrelay.relaytask.events.VendorEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives the vendor's RtcMPUEventSub callbacks at {@code POST
 * /callbacks/aliyun/mpu/{appId}/{token}}: checks the app's secret token (in constant
 * time), reads and cross-checks the body, persists the event and answers 200; the event
 * is applied after. The token is never logged or echoed: problems name the path with the
 * token hidden.
 */
@RestController
class VendorCallbackController {

	private static final Logger log = LoggerFactory.getLogger(VendorCallbackController.class);

	private final CallbackEndpoints endpoints;

	private final SubscriptionSync sync;

	private final EventIntake intake;

	private final ConfiguredRelayApps apps;

	private final Clock clock;

	VendorCallbackController(CallbackEndpoints endpoints, SubscriptionSync sync, EventIntake intake,
			ConfiguredRelayApps apps, Clock clock) {
		this.endpoints = endpoints;
		this.sync = sync;
		this.intake = intake;
		this.apps = apps;
		this.clock = clock;
	}

	@PostMapping(path = CallbackEndpoints.PATH + "{appId}/{token}")
	ResponseEntity<Object> receive(@PathVariable String appId, @PathVariable String token,
			@RequestBody(required = false) String body) {
		if (!this.endpoints.accepts(appId, token)) {
			log.warn("Vendor callback for app {} refused: token not accepted", safe(appId));
			return problem(appId, ProblemTypes.UNAUTHENTICATED, "The callback token is not accepted for this app",
					null);
		}
		VendorEvent event;
		try {
			event = CallbackBodies.parse(body, this.clock.instant(), VendorEvent.Source.CALLBACK,
					(url) -> this.apps.app(appId).map((app) -> app.redact(url)).orElse(Redaction.MARKER));
		}
		catch (CallbackBodies.BadCallback bad) {
			log.warn("Vendor callback for app {} refused: {}", appId, bad.getMessage());
			return problem(appId, ProblemTypes.VALIDATION,
					"The callback body is not a vendor event: " + bad.getMessage(), bad.field());
		}
		if (!event.appId().equals(appId)) {
			return problem(appId, ProblemTypes.VALIDATION,
					"The callback body is not a vendor event: AppId must be the app of the callback URL", "AppId");
		}
		String expectedSubId = this.sync.subId(appId).orElse(null);
		String mismatch = (expectedSubId != null && event.subId() != null
				&& !Objects.equals(expectedSubId, event.subId()))
						? "SubId " + event.subId() + " is not the app's subscription " + expectedSubId : null;
		EventIntake.Received received = this.intake.receive(event, mismatch, true);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("msgId", event.msgId(), "result", received.name().toLowerCase(java.util.Locale.ROOT)));
	}

	private static ResponseEntity<Object> problem(String appId, io.streamrelay.problems.ProblemType type, String detail,
			String field) {
		ProblemDetail problem = Problems.detail(type, detail, field == null ? Map.of() : Map.of("field", field));
		// set here: MVC would fill in the request path, token included
		problem.setInstance(URI.create(CallbackEndpoints.PATH + safe(appId) + "/" + Redaction.MARKER));
		return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String safe(String appId) {
		return appId.matches("[A-Za-z0-9_-]{1,64}") ? appId : "-";
	}

}
