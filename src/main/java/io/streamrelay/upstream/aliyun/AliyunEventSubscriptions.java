package io.streamrelay.upstream.aliyun;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.live.model.v20161101.CreateRtcMPUEventSubRequest;
import com.aliyuncs.live.model.v20161101.CreateRtcMPUEventSubResponse;
import com.aliyuncs.live.model.v20161101.DescribeRtcMPUEventSubRequest;
import com.aliyuncs.live.model.v20161101.DescribeRtcMPUEventSubResponse;
import com.aliyuncs.live.model.v20161101.ListRtcMPUEventSubRecordRequest;
import com.aliyuncs.live.model.v20161101.ListRtcMPUEventSubRecordResponse;
import com.aliyuncs.live.model.v20161101.UpdateRtcMPUEventSubRequest;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventSubscriptions} through the SDK's RtcMPUEventSub request classes
 * (docs/aliyun-mpu-api.md §3.1).
 */
final class AliyunEventSubscriptions implements EventSubscriptions {

	private static final Logger log = LoggerFactory.getLogger(AliyunEventSubscriptions.class);

	/** The records API takes UTC seconds with a literal Z. */
	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final SdkCalls calls;

	AliyunEventSubscriptions(IAcsClient client, CallSettings settings) {
		this.calls = new SdkCalls(client, settings);
	}

	@Override
	public Optional<Subscription> describe(String appId) {
		DescribeRtcMPUEventSubRequest request = new DescribeRtcMPUEventSubRequest();
		request.setAppId(appId);
		DescribeRtcMPUEventSubResponse response;
		try {
			response = this.calls.send(request);
		}
		catch (UpstreamFailure.Rejected rejected) {
			// an app without a subscription: the vendor's answer is not documented, so
			// any refusal naming the subscription as absent counts as none
			if (rejected.code() != null && rejected.code().toLowerCase(java.util.Locale.ROOT).contains("notfound")) {
				return Optional.empty();
			}
			throw rejected;
		}
		DescribeRtcMPUEventSubResponse.SubInfo info = response.getSubInfo();
		log.info("DescribeRtcMPUEventSub AppId={}: {}", appId,
				info == null || blank(info.getSubId()) ? "no subscription" : info.getSubId());
		if (info == null || blank(info.getSubId())) {
			return Optional.empty();
		}
		return Optional
			.of(new Subscription(info.getSubId(), appId, info.getCallbackUrl(), split(info.getChannelIds())));
	}

	@Override
	public String create(String appId, String callbackUrl, List<String> channelIds) {
		CreateRtcMPUEventSubRequest request = new CreateRtcMPUEventSubRequest();
		request.setAppId(appId);
		request.setCallbackUrl(callbackUrl);
		if (!channelIds.isEmpty()) {
			request.setChannelIds(String.join(",", channelIds));
		}
		CreateRtcMPUEventSubResponse response = this.calls.send(request);
		if (blank(response.getSubId())) {
			throw new UpstreamFailure.BadResponse(VendorErrors.UNREADABLE,
					"vendor created a subscription without SubId", response.getRequestId());
		}
		log.info("CreateRtcMPUEventSub AppId={} channels={}: SubId {} (RequestId {})", appId, channelIds,
				response.getSubId(), response.getRequestId());
		return response.getSubId();
	}

	@Override
	public void update(String appId, String callbackUrl, List<String> channelIds) {
		UpdateRtcMPUEventSubRequest request = new UpdateRtcMPUEventSubRequest();
		request.setAppId(appId);
		request.setCallbackUrl(callbackUrl);
		// empty means every channel: sent as an empty value so that a narrowing is lifted
		request.setChannelIds(String.join(",", channelIds));
		String requestId = this.calls.send(request).getRequestId();
		log.info("UpdateRtcMPUEventSub AppId={} channels={} (RequestId {})", appId, channelIds, requestId);
	}

	@Override
	public RecordPage records(String appId, Instant from, Instant to, int pageNo, int pageSize) {
		ListRtcMPUEventSubRecordRequest request = new ListRtcMPUEventSubRecordRequest();
		request.setAppId(appId);
		request.setStartTime(TIME.format(from.truncatedTo(ChronoUnit.SECONDS)));
		request.setEndTime(TIME.format(to.truncatedTo(ChronoUnit.SECONDS)));
		request.setPageNo(pageNo);
		request.setPageSize(pageSize);
		ListRtcMPUEventSubRecordResponse response = this.calls.send(request);
		List<Delivery> deliveries = response.getLogs() == null ? List.of()
				: response.getLogs()
					.stream()
					.map((log) -> new Delivery(log.getMsgId(), log.getSubId(), log.getData(), log.getHTTPCode()))
					.toList();
		log.info("ListRtcMPUEventSubRecord AppId={} {}..{} page {}: {} record(s)", appId, request.getStartTime(),
				request.getEndTime(), pageNo, deliveries.size());
		return new RecordPage(deliveries, Boolean.TRUE.equals(response.getHasMore()));
	}

	private static List<String> split(String channelIds) {
		return blank(channelIds) ? List.of()
				: Arrays.stream(channelIds.split(",")).map(String::trim).filter((id) -> !id.isEmpty()).toList();
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

}
