package io.streamrelay.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.streamrelay.security.TestKeys;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of seeded random mutations of valid requests (characters dropped, inserted
 * and swapped, values replaced by other JSON types, huge numbers, deep nesting, control
 * characters) over real HTTP: every answer is 2xx or a 4xx application/problem+json,
 * never a 5xx. Bounded: a fixed seed and a fixed number of requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:broken-input;DB_CLOSE_DELAY=-1",
				"streamrelay.reconciler.enabled=false", "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.security.requests-per-second-per-key=100000" })
class BrokenInputTest {

	static final int REQUESTS = 3000;

	static final List<String> VALID = List.of(
			"{\"channelId\":\"c1\",\"mode\":\"single\",\"single\":{\"userId\":\"u1\",\"streamType\":\"audio\",\"sourceType\":\"camera\"},"
					+ "\"maxIdleSeconds\":30,\"region\":\"CN-Shanghai\",\"sei\":{\"payloadType\":100,\"layoutVolume\":{\"intervalMs\":2000,\"followIdr\":true}}}",
			"{\"channelId\":\"c2\",\"mode\":\"mixed\",\"mixed\":{\"users\":[{\"userId\":\"a\"},{\"userId\":\"b\",\"channelId\":\"x\"}],"
					+ "\"layout\":{\"panes\":[{\"x\":0,\"y\":0,\"width\":0.5,\"height\":1,\"zOrder\":1,\"renderMode\":\"fit\",\"userId\":\"a\"}]},"
					+ "\"background\":{\"url\":\"https://img.example.com/bg.png\"},\"encode\":{\"audioOnly\":false,\"audioBitrate\":64,"
					+ "\"audioChannels\":2,\"audioSampleRate\":48000,\"videoCodec\":\"H.264\",\"videoBitrate\":800,\"videoFramerate\":25,"
					+ "\"videoGop\":50,\"videoWidth\":640,\"videoHeight\":360,\"profile\":\"high\",\"preset\":\"fast\"}},"
					+ "\"destinations\":[\"rtmp://push.example.com/live/s1\"]}");

	static final String[] JUNK = { "null", "true", "-1", "1e309", "99999999999999999999999", "\"\"", "[]", "{}",
			"\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "0.0000001",
			"\"ä😀\"", "{\"$ref\":\"#\"}", "\"" + "x".repeat(3000) + "\"", "NaN", "-0", "1.5" };

	@LocalServerPort
	int port;

	@Test
	void noInputHoweverBrokenGetsA5xxAndEvery4xxIsAProblem() {
		Random random = new Random(20261125);
		TestHttp http = new TestHttp(this.port, TestKeys.BEARER_DEVELOPMENT);
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<String> offending = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			String body = mutate(VALID.get(random.nextInt(VALID.size())), random);
			boolean patch = random.nextInt(4) == 0;
			TestHttp.Reply reply = patch ? http.send("PATCH", "/v1/apps/demo-app/relay-tasks/" + pathJunk(random), body)
					: http.send("POST", "/v1/apps/demo-app/relay-tasks", body);
			statuses.merge(reply.status(), 1, Integer::sum);
			boolean problem = reply.contentType().startsWith("application/problem+json");
			if (reply.status() >= 500 || (reply.status() >= 400 && !problem)) {
				offending.add(reply.status() + " " + body + " -> " + reply.body());
			}
		}
		System.out.println("[broken-input] " + REQUESTS + " mutated requests -> statuses " + statuses);
		assertThat(offending).as("5xx or non-problem 4xx answers").isEmpty();
		assertThat(statuses.keySet()).allMatch((status) -> status < 500);
		// the mutations must reach parsing and validation, not be stopped before them
		assertThat(statuses).doesNotContainKeys(401, 403, 413, 415, 429).containsKeys(400, 201);
	}

	static String pathJunk(Random random) {
		String[] ids = { "t1", "AL-x", "%20", "a.b", "x".repeat(80), "%00", "..%2F", "%E2%82%AC" };
		return ids[random.nextInt(ids.length)];
	}

	static String mutate(String json, Random random) {
		StringBuilder out = new StringBuilder(json);
		int mutations = 1 + random.nextInt(4);
		for (int m = 0; m < mutations && out.length() > 0; m++) {
			int at = random.nextInt(out.length());
			switch (random.nextInt(6)) {
				case 0 -> out.deleteCharAt(at);
				case 1 -> out.insert(at, (char) (32 + random.nextInt(95)));
				case 2 -> out.insert(at, "\",:{}[]\\".charAt(random.nextInt(8)));
				case 3 -> replaceValue(out, random);
				case 4 -> out.setCharAt(at, (char) random.nextInt(0x3000));
				default -> {
					int end = Math.min(out.length(), at + random.nextInt(20));
					out.delete(at, end);
				}
			}
		}
		return out.toString();
	}

	/** Replaces the value after a random colon by a junk JSON value of another type. */
	static void replaceValue(StringBuilder out, Random random) {
		int colon = out.indexOf(":", random.nextInt(out.length()));
		if (colon < 0) {
			return;
		}
		int end = colon + 1;
		int depth = 0;
		while (end < out.length()) {
			char c = out.charAt(end);
			if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				if (depth == 0) {
					break;
				}
				depth--;
			}
			else if (c == ',' && depth == 0) {
				break;
			}
			end++;
		}
		out.replace(colon + 1, end, JUNK[random.nextInt(JUNK.length)]);
	}

}
