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
	 * Inserts a custom SEI message into a running task's stream (SetLiveMpuTaskSei,
	 * docs/aliyun-mpu-api.md §2.8); {@code customSei} is JSON text of at most 4096
	 * characters.
	 */
	UpstreamReceipt setSei(String appId, String taskId, String customSei);

	/**
	 * The vendor's view of an API-created task, empty when the vendor does not run it.
	 */
	Optional<UpstreamTaskView> describe(String appId, String taskId);

	/**
	 * Every API-created task the vendor lists for the app (ListRtcMPUTaskDetail, paged;
	 * docs/aliyun-mpu-api.md §2.7: client-SDK relays are never listed), at most
	 * {@code maxTasks}.
	 */
	java.util.List<UpstreamTaskView> list(String appId, int maxTasks);

}
