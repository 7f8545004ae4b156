package io.streamrelay.relaytask.vendor;

import java.util.Optional;

import io.streamrelay.relaytask.spec.RelaySpec;

/**
 * Port to the vendor's relay API. Every method either returns the vendor's receipt or
 * throws an {@link UpstreamFailure}; implementations send the full spec each time.
 */
public interface LiveRelayGateway {

	UpstreamReceipt start(String appId, String taskId, RelaySpec spec);

	UpstreamReceipt update(String appId, String taskId, RelaySpec spec);

	UpstreamReceipt stop(String appId, String taskId);

	/**
	 * The vendor's view of an API-created task, empty when the vendor does not run it.
	 */
	Optional<UpstreamTaskView> describe(String appId, String taskId);

}
