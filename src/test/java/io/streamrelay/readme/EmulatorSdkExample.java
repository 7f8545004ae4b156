package io.streamrelay.readme;

import java.util.List;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailRequest;
import com.aliyuncs.live.model.v20161101.ListRtcMPUTaskDetailResponse.MpuTask;
import com.aliyuncs.live.model.v20161101.StartLiveMPUTaskRequest;
import com.aliyuncs.live.model.v20161101.StopLiveMPUTaskRequest;
import com.aliyuncs.profile.DefaultProfile;

/**
 * The README's example of the vendor's Java SDK pointed at the standalone emulator,
 * between the {@code readme:begin} and {@code readme:end} markers: the README quotes this
 * text and {@code StandaloneEmulatorTest} runs it.
 */
final class EmulatorSdkExample {

	private EmulatorSdkExample() {
	}

	// readme:begin
	static List<MpuTask> startListStop(String endpoint) throws ClientException {
		// the emulator's AccessKey pair (streamrelay.emulator.access-key-id / -secret)
		DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai", "LTAIemulatorKey", "emulator-secret");
		DefaultAcsClient client = new DefaultAcsClient(profile);
		try {
			StartLiveMPUTaskRequest start = new StartLiveMPUTaskRequest();
			start.setSysEndpoint(endpoint); // "127.0.0.1:9000"
			start.setSysProtocol(ProtocolType.HTTP);
			start.setAppId("my-app");
			start.setChannelId("room1");
			start.setTaskId("my-first-relay");
			start.setMixMode("0");
			start.setStreamURL("rtmp://push.example.com/live/room1_alice");
			StartLiveMPUTaskRequest.SingleSubParams alice = new StartLiveMPUTaskRequest.SingleSubParams();
			alice.setUserId("alice");
			alice.setStreamType("0");
			alice.setSourceType("camera");
			start.setSingleSubParams(alice);
			client.getAcsResponse(start);

			ListRtcMPUTaskDetailRequest list = new ListRtcMPUTaskDetailRequest();
			list.setSysEndpoint(endpoint);
			list.setSysProtocol(ProtocolType.HTTP);
			list.setAppId("my-app");
			list.setPageNo(1L);
			list.setPageSize(10L);
			List<MpuTask> running = client.getAcsResponse(list).getMPUTasks();

			StopLiveMPUTaskRequest stop = new StopLiveMPUTaskRequest();
			stop.setSysEndpoint(endpoint);
			stop.setSysProtocol(ProtocolType.HTTP);
			stop.setAppId("my-app");
			stop.setTaskId("my-first-relay");
			client.getAcsResponse(stop);
			return running;
		}
		finally {
			client.shutdown();
		}
	}
	// readme:end

}
