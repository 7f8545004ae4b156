package io.streamrelay.upstream.aliyun;

import java.util.List;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.live.model.v20161101.DescribeLiveStreamsOnlineListRequest;
import com.aliyuncs.live.model.v20161101.DescribeLiveStreamsOnlineListResponse;
import io.streamrelay.relaytask.vendor.LiveStreamStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LiveStreamStatus} through DescribeLiveStreamsOnlineList, asking for one stream
 * by exact name (docs/aliyun-mpu-api.md §9).
 */
final class AliyunLiveStreamStatus implements LiveStreamStatus {

	private static final Logger log = LoggerFactory.getLogger(AliyunLiveStreamStatus.class);

	private final SdkCalls calls;

	AliyunLiveStreamStatus(IAcsClient client, CallSettings settings) {
		this.calls = new SdkCalls(client, settings);
	}

	@Override
	public boolean online(String domain, String appName, String streamName) {
		DescribeLiveStreamsOnlineListRequest request = new DescribeLiveStreamsOnlineListRequest();
		request.setDomainName(domain);
		request.setAppName(appName);
		request.setStreamName(streamName);
		request.setQueryType("strict");
		request.setPageNum(1);
		request.setPageSize(10);
		DescribeLiveStreamsOnlineListResponse response = this.calls.send(request);
		List<DescribeLiveStreamsOnlineListResponse.LiveStreamOnlineInfo> online = response.getOnlineInfo();
		boolean listed = online != null && online.stream()
			.anyMatch((info) -> streamName.equals(info.getStreamName())
					&& (info.getAppName() == null || appName.equals(info.getAppName())));
		log.info("DescribeLiveStreamsOnlineList {}/{}/{}: {}", domain, appName, streamName,
				listed ? "online" : "not listed");
		return listed;
	}

}
