package io.streamrelay.mputaskid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MpuTaskIdsTest {

	static final String APP_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

	static final String ARTC_ALPHABET = APP_ALPHABET + "=";

	@Test
	void computesTheWorkedExampleOfTheVendorNotes() {
		assertThat(MpuTaskIds.of("app1", "ch1", "u1")).isEqualTo("AL-24f6e5e5d7cadf24238ab14a0040e5c5");
	}

	@Test
	void agreesWithAnIndependentMd5OverThousandsOfRandomValidIds() throws Exception {
		Random random = new Random(20240501L);
		for (int i = 0; i < 5000; i++) {
			String appId = randomId(random, APP_ALPHABET);
			String channelId = randomId(random, ARTC_ALPHABET);
			String userId = randomId(random, ARTC_ALPHABET);
			assertThat(MpuTaskIds.APP_ID.matcher(appId).matches()).isTrue();
			assertThat(MpuTaskIds.ARTC_ID.matcher(channelId).matches()).isTrue();
			String id = MpuTaskIds.of(appId, channelId, userId);
			assertThat(id).as("%s/%s/%s", appId, channelId, userId)
				.isEqualTo("AL-"
						+ md5Hex("rtmp://live.aliyun.com/live/" + appId + "_" + channelId + "_" + userId + "_camera"))
				.hasSize(35)
				.matches("AL-[0-9a-f]{32}");
		}
	}

	@Test
	void distinguishesIdsThatDifferOnlyInCase() {
		assertThat(MpuTaskIds.of("app1", "Ch1", "u1")).isNotEqualTo(MpuTaskIds.of("app1", "ch1", "u1"));
	}

	@Test
	void patternsAcceptTheDocumentedAlphabetsAndLengths() {
		assertThat(MpuTaskIds.APP_ID.matcher("a".repeat(64)).matches()).isTrue();
		assertThat(MpuTaskIds.APP_ID.matcher("a".repeat(65)).matches()).isFalse();
		assertThat(MpuTaskIds.APP_ID.matcher("a=b").matches()).isFalse();
		assertThat(MpuTaskIds.ARTC_ID.matcher("a=b").matches()).isTrue();
		assertThat(MpuTaskIds.ARTC_ID.matcher("").matches()).isFalse();
		assertThat(MpuTaskIds.ARTC_ID.matcher("a.b").matches()).isFalse();
	}

	static String randomId(Random random, String alphabet) {
		int length = 1 + random.nextInt(64);
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return id.toString();
	}

	static String md5Hex(String text) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
		char[] hex = "0123456789abcdef".toCharArray();
		StringBuilder out = new StringBuilder(32);
		for (byte b : digest) {
			out.append(hex[(b >> 4) & 0xf]).append(hex[b & 0xf]);
		}
		return out.toString();
	}

}
