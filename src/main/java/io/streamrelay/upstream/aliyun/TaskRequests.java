package io.streamrelay.upstream.aliyun;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.UpdateLiveMPUTaskRequest;
import io.streamrelay.relaytask.spec.RelayMode;
import io.streamrelay.relaytask.spec.RelaySpec;

import static io.streamrelay.upstream.aliyun.NestedParams.json;

/**
 * Maps a {@link RelaySpec} to StartLiveMPUTask and UpdateLiveMPUTask requests: Update is
 * Start without MaxIdleTime, Region and SEI PayloadType, which the vendor fixes at start.
 */
final class TaskRequests {

	private TaskRequests() {
	}

	static StartLiveMPUTaskRequest start(String appId, String taskId, RelaySpec spec) {
		StartLiveMPUTaskRequest request = new StartLiveMPUTaskRequest();
		putShared(request, appId, taskId, spec, true);
		request.setMaxIdleTime(WireValues.text(spec.maxIdleSeconds()));
		request.setRegion(spec.region());
		return request;
	}

	static UpdateLiveMPUTaskRequest update(String appId, String taskId, RelaySpec spec) {
		UpdateLiveMPUTaskRequest request = new UpdateLiveMPUTaskRequest();
		putShared(request, appId, taskId, spec, false);
		return request;
	}

	/**
	 * The parameters both operations share. The two requests' typed setters take
	 * structurally identical but distinct nested classes; each setter only does what this
	 * does, {@code putQueryParameter} of the value (or of its Gson JSON, see
	 * {@link NestedParams}), skipping nulls.
	 */
	private static void putShared(AcsRequest<?> request, String appId, String taskId, RelaySpec spec, boolean start) {
		request.putQueryParameter("AppId", appId);
		request.putQueryParameter("ChannelId", spec.channelId());
		request.putQueryParameter("TaskId", taskId);
		request.putQueryParameter("MixMode", WireValues.mixMode(spec.mode()));
		if (spec.mode() == RelayMode.SINGLE) {
			request.putQueryParameter("SingleSubParams", json(NestedParams.single(spec.single())));
		}
		else {
			request.putQueryParameter("TranscodeParams", json(NestedParams.transcode(spec.mixed(), spec.channelId())));
		}
		if (spec.destinations().size() == 1) {
			request.putQueryParameter("StreamURL", spec.destinations().get(0));
		}
		else if (!spec.destinations().isEmpty()) {
			request.putQueryParameter("MultiStreamURL", json(NestedParams.destinations(spec.destinations())));
		}
		if (spec.sei() != null) {
			request.putQueryParameter("SeiParams", json(NestedParams.sei(spec.sei(), start)));
		}
	}

}
