package io.streamrelay.lifecycle;

import io.streamrelay.mputaskid.MpuTaskIds;

/** The client-SDK relays of the lifecycle workload, which the service adopts. */
final class SdkRelays {

	private SdkRelays() {
	}

	static String taskId(int relay) {
		return MpuTaskIds.of(LifecycleInvariants.APP, "sc-" + relay, "su-" + relay);
	}

	static String relayBody(int relay) {
		return "{\"appId\":\"" + LifecycleInvariants.APP + "\",\"channelId\":\"sc-" + relay + "\",\"userId\":\"su-"
				+ relay + "\"}";
	}

	static String adoptionBody(int relay) {
		return "{\"channelId\":\"sc-" + relay + "\",\"mode\":\"single\",\"single\":{\"userId\":\"su-" + relay + "\"}}";
	}

}
