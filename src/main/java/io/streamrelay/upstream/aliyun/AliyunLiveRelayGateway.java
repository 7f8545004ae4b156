package io.streamrelay.upstream.aliyun;

import java.util.List;
import java.util.Optional;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailRequest;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse;
import com.aliyuncs.live.model.v20161101.SetLiveMpuTaskSeiRequest;
import com.aliyuncs.live.model.v20161101.StopLiveMPUTaskRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.vendor.LiveRelayGateway;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import io.streamrelay.relaytask.vendor.UpstreamReceipt;
import io.streamrelay.relaytask.vendor.UpstreamTaskView;

/**
 * {@link LiveRelayGateway} over the ApsaraVideo Live OpenAPI (or its emulator) through
 * the Alibaba Cloud SDK.
 */
final class AliyunLiveRelayGateway implements LiveRelayGateway {

	private static final int PAGE_SIZE = 100;

	private final SdkCalls calls;

	private final boolean listKeepsStopped;

	private final VendorCallObserver observer;

	AliyunLiveRelayGateway(IAcsClient client, CallSettings settings) {
		this(client, settings, false, new VendorCallObserver(new SimpleMeterRegistry()));
	}

	AliyunLiveRelayGateway(IAcsClient client, CallSettings settings, boolean listKeepsStopped,
			VendorCallObserver observer) {
		this.calls = new SdkCalls(client, settings);
		this.listKeepsStopped = listKeepsStopped;
		this.observer = observer;
	}

	@Override
	public UpstreamReceipt start(String appId, String taskId, RelaySpec spec) {
		return this.observer.observe("StartLiveMPUTask", appId, taskId,
				() -> receipt(this.calls.send(TaskRequests.start(appId, taskId, spec)).getRequestId()),
				UpstreamReceipt::requestId);
	}

	@Override
	public UpstreamReceipt update(String appId, String taskId, RelaySpec spec) {
		return this.observer.observe("UpdateLiveMPUTask", appId, taskId,
				() -> receipt(this.calls.send(TaskRequests.update(appId, taskId, spec)).getRequestId()),
				UpstreamReceipt::requestId);
	}

	@Override
	public UpstreamReceipt stop(String appId, String taskId) {
		StopLiveMPUTaskRequest request = new StopLiveMPUTaskRequest();
		request.setAppId(appId);
		request.setTaskId(taskId);
		return this.observer.observe("StopLiveMPUTask", appId, taskId,
				() -> receipt(this.calls.send(request).getRequestId()), UpstreamReceipt::requestId);
	}

	@Override
	public UpstreamReceipt setSei(String appId, String taskId, String customSei) {
		SetLiveMpuTaskSeiRequest request = new SetLiveMpuTaskSeiRequest();
		request.setAppId(appId);
		request.setTaskId(taskId);
		request.setCustomSei(customSei);
		return receipt(this.calls.send(request).getRequestId());
	}

	@Override
	public Optional<UpstreamTaskView> describe(String appId, String taskId) {
		ListRtcMPUTaskDetailRequest request = new ListRtcMPUTaskDetailRequest();
		request.setAppId(appId);
		request.setTaskId(taskId);
		ListRtcMPUTaskDetailResponse response = this.observer.observe("ListRtcMPUTaskDetail", appId, taskId, () -> {
			ListRtcMPUTaskDetailResponse answer = this.calls.send(request);
			receipt(answer.getRequestId());
			return answer;
		}, ListRtcMPUTaskDetailResponse::getRequestId);
		List<ListRtcMPUTaskDetailResponse.MpuTask> tasks = response.getMPUTasks();
		if (tasks == null) {
			return Optional.empty();
		}
		// With a TaskId the vendor returns that task only; the filter guards against a
		// looser answer.
		return tasks.stream()
			.filter(task -> taskId.equals(task.getTaskId()))
			.findFirst()
			.map(task -> new UpstreamTaskView(appId, task.getTaskId(), task.getChannelId(), mode(task.getMixMode()),
					this.listKeepsStopped));
	}

	/**
	 * Pages of 100 until a short page: the vendor gives no total (docs/aliyun-mpu-api.md
	 * §2.7).
	 */
	@Override
	public List<UpstreamTaskView> list(String appId, int maxTasks) {
		List<UpstreamTaskView> listed = new java.util.ArrayList<>();
		for (int page = 1; listed.size() < maxTasks; page++) {
			ListRtcMPUTaskDetailRequest request = new ListRtcMPUTaskDetailRequest();
			request.setAppId(appId);
			request.setPageSize((long) PAGE_SIZE);
			request.setPageNo((long) page);
			ListRtcMPUTaskDetailResponse response = this.calls.send(request);
			receipt(response.getRequestId());
			List<ListRtcMPUTaskDetailResponse.MpuTask> tasks = response.getMPUTasks() == null ? List.of()
					: response.getMPUTasks();
			tasks.stream()
				.limit(maxTasks - listed.size())
				.map(task -> new UpstreamTaskView(appId, task.getTaskId(), task.getChannelId(), mode(task.getMixMode()),
						this.listKeepsStopped))
				.forEach(listed::add);
			if (tasks.size() < PAGE_SIZE) {
				break;
			}
		}
		return listed;
	}

	/**
	 * Every vendor answer carries a RequestId; the SDK's lenient reader turns garbage
	 * into an empty response.
	 */
	private static UpstreamReceipt receipt(String requestId) {
		if (requestId == null || requestId.isBlank()) {
			throw new UpstreamFailure.BadResponse(VendorErrors.UNREADABLE,
					"vendor answered success without a RequestId", null);
		}
		return new UpstreamReceipt(requestId);
	}

	/**
	 * The vendor documents "1" as the default, so only an explicit "0" is a single-stream
	 * task.
	 */
	private static RelayMode mode(String mixMode) {
		return "0".equals(mixMode) ? RelayMode.SINGLE : RelayMode.MIXED;
	}

}
