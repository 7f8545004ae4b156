package io.streamrelay.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The five RtcMPUEventSub Actions (docs/aliyun-mpu-api.md §3.1) against
 * {@link EmulatedSubscriptions}; each fills the response body minus RequestId.
 */
final class EventSubOperations {

	static final Set<String> ACTIONS = Set.of("CreateRtcMPUEventSub", "DescribeRtcMPUEventSub", "UpdateRtcMPUEventSub",
			"DeleteRtcMPUEventSub", "ListRtcMPUEventSubRecord");

	/**
	 * The documented characters, plus ':' which every scheme needs although the list
	 * omits it.
	 */
	static final Pattern CALLBACK_URL = Pattern.compile("https?://[A-Za-z0-9\\-_?%=#./+:]{1,2075}");

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final EmulatedSubscriptions subscriptions;

	private final Clock clock;

	EventSubOperations(EmulatedSubscriptions subscriptions, Clock clock) {
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	void execute(String action, Map<String, String> params, ObjectNode body) {
		String appId = TaskParamRules.requiredId(params, "AppId", TaskParamRules.APP_OR_CHANNEL_ID);
		switch (action) {
			case "CreateRtcMPUEventSub" -> body.put("SubId",
					this.subscriptions
						.create(appId, callbackUrl(TaskParamRules.required(params, "CallbackUrl")), channelIds(params))
						.subId());
			case "DescribeRtcMPUEventSub" -> this.subscriptions.find(appId).ifPresent((sub) -> {
				ObjectNode info = body.putObject("SubInfo");
				info.put("SubId", sub.subId());
				info.put("AppId", sub.appId());
				info.put("ChannelIds", String.join(",", sub.channelIds()));
				info.put("CreateTime", TIME.format(sub.createdAt()));
				info.put("CallbackUrl", sub.callbackUrl());
			});
			case "UpdateRtcMPUEventSub" -> this.subscriptions.update(appId,
					params.containsKey("CallbackUrl") ? callbackUrl(params.get("CallbackUrl")) : null,
					params.containsKey("ChannelIds") ? channelIds(params) : null);
			case "DeleteRtcMPUEventSub" -> this.subscriptions.delete(appId);
			default -> records(appId, params, body);
		}
	}

	private void records(String appId, Map<String, String> params, ObjectNode body) {
		Instant now = this.clock.instant();
		Instant from = time(params, "StartTime", now.minus(Duration.ofDays(1)));
		Instant to = time(params, "EndTime", now);
		// a second of slack: the SDK truncates to seconds, the clocks may differ a little
		if (from.isBefore(now.minus(Duration.ofDays(7)).minusSeconds(1)) || to.isAfter(now.plusSeconds(1))
				|| to.isBefore(from)) {
			throw ApiError.invalidParam("StartTime must be within the last 7 days and EndTime not later than now.");
		}
		int pageNo = integer(params, "PageNo", 1, Integer.MAX_VALUE, 1);
		int pageSize = integer(params, "PageSize", 1, 100, 10);
		List<EmulatedSubscriptions.Delivery> all = this.subscriptions.deliveries(appId, params.get("SubId"), from,
				to.plusSeconds(1).minusNanos(1));
		long skip = (long) (pageNo - 1) * pageSize;
		List<EmulatedSubscriptions.Delivery> page = all.stream().skip(skip).limit(pageSize).toList();
		body.put("Count", page.size());
		body.put("HasMore", skip + page.size() < all.size());
		ArrayNode logs = body.putArray("Logs");
		for (EmulatedSubscriptions.Delivery delivery : page) {
			ObjectNode log = logs.addObject();
			log.put("AppId", delivery.appId());
			log.put("SubId", delivery.subId());
			log.put("MsgId", delivery.msgId());
			log.put("Data", delivery.data());
			log.put("Time", TIME.format(delivery.time()));
			log.put("Cost", delivery.costMs());
			log.put("CallbackUrl", delivery.callbackUrl());
			log.put("HTTPCode", delivery.httpCode());
		}
	}

	private static String callbackUrl(String url) {
		if (url == null || !CALLBACK_URL.matcher(url).matches()) {
			throw ApiError.invalidParam("CallbackUrl must be an http(s) URL of at most 2083 characters from"
					+ " a-z A-Z 0-9 - _ ? % = # . / + :");
		}
		return url;
	}

	private static List<String> channelIds(Map<String, String> params) {
		String text = params.get("ChannelIds");
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		List<String> ids = Arrays.asList(text.split(",", -1));
		if (ids.size() > 20 || new HashSet<>(ids).size() != ids.size()
				|| !ids.stream().allMatch((id) -> TaskParamRules.APP_OR_CHANNEL_ID.matcher(id).matches())) {
			throw ApiError.invalidParam("ChannelIds must be at most 20 distinct channel ids, comma-separated.");
		}
		return ids;
	}

	private static Instant time(Map<String, String> params, String name, Instant absent) {
		String text = params.get(name);
		if (text == null || text.isEmpty()) {
			return absent;
		}
		try {
			return Instant.from(TIME.parse(text));
		}
		catch (DateTimeParseException ex) {
			throw ApiError.invalidParam(name + " must be yyyy-MM-ddTHH:mm:ssZ (UTC).");
		}
	}

	private static int integer(Map<String, String> params, String name, int min, int max, int absent) {
		String text = params.get(name);
		if (text == null || text.isEmpty()) {
			return absent;
		}
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw ApiError.invalidParam(name + " must be an integer in [" + min + ", " + max + "].");
	}

}
