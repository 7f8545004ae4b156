package io.streamrelay.apps;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * ApsaraVideo Live URL signing type A: {@code auth_key =
 * ts-rand-uid-md5("{uri}-ts-rand-uid-{key}")}, with rand and uid 0
 * (docs/aliyun-mpu-api.md §5.3).
 */
final class AuthKeySigner {

	private AuthKeySigner() {
	}

	/**
	 * The auth_key value for a URI path (including any .flv / .m3u8 suffix) valid from
	 * {@code epochSeconds}.
	 */
	static String authKey(String uri, long epochSeconds, String privateKey) {
		String hash = DigestUtils.md5Hex(uri + "-" + epochSeconds + "-0-0-" + privateKey);
		return epochSeconds + "-0-0-" + hash;
	}

}
