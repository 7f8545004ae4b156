package io.streamrelay.mputaskid;

import java.util.regex.Pattern;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * The task id a client SDK gives the relay it starts: "AL-" + lowercase hex MD5 of
 * {@code rtmp://live.aliyun.com/live/{appId}_{channelId}_{userId}_camera}
 * (docs/aliyun-mpu-api.md §5.1).
 */
public final class MpuTaskIds {

	/** AppIds: letters, digits, '_' and '-', at most 64 characters. */
	public static final String APP_ID_REGEX = "[A-Za-z0-9_-]{1,64}";

	public static final Pattern APP_ID = Pattern.compile(APP_ID_REGEX);

	/** ARTC channel and user ids also allow '='. */
	public static final String ARTC_ID_REGEX = "[A-Za-z0-9_=-]{1,64}";

	public static final Pattern ARTC_ID = Pattern.compile(ARTC_ID_REGEX);

	private static final String PREFIX = "rtmp://live.aliyun.com/live/";

	private MpuTaskIds() {
	}

	public static String of(String appId, String channelId, String userId) {
		return "AL-" + DigestUtils.md5Hex(PREFIX + appId + "_" + channelId + "_" + userId + "_camera");
	}

}
