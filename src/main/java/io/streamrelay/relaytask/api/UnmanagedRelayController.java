package io.streamrelay.relaytask.api;

import java.util.List;
import java.util.Locale;

import io.streamrelay.relaytask.reconciliation.UnmanagedRelays;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.UnknownApp;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the relays the vendor runs for an app that this service has no record of (admin
 * keys only): one ListRtcMPUTaskDetail per page of 100 per request.
 */
@RestController
class UnmanagedRelayController {

	private final UnmanagedRelays unmanaged;

	private final RelayApps apps;

	UnmanagedRelayController(UnmanagedRelays unmanaged, RelayApps apps) {
		this.unmanaged = unmanaged;
		this.apps = apps;
	}

	/** One unmanaged relay as the vendor lists it. */
	record UnmanagedRelay(String taskId, String channelId, String mode) {
	}

	/** The app's unmanaged relays and what its policy does with them. */
	record UnmanagedRelayList(String appId, String policy, List<UnmanagedRelay> relays) {
	}

	@GetMapping(path = "/v1/apps/{appId}/unmanaged-relays", produces = "application/json")
	UnmanagedRelayList list(@PathVariable String appId) {
		if (this.apps.find(appId).isEmpty()) {
			throw new UnknownApp(appId);
		}
		List<UnmanagedRelay> relays = this.unmanaged.find(appId).stream().map(UnmanagedRelayController::view).toList();
		return new UnmanagedRelayList(appId, this.unmanaged.policy(appId).name().toLowerCase(Locale.ROOT), relays);
	}

	private static UnmanagedRelay view(UpstreamTaskView task) {
		return new UnmanagedRelay(task.taskId(), task.channelId(),
				task.mode() == null ? null : task.mode().name().toLowerCase(Locale.ROOT));
	}

}
