package io.streamrelay.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.streamrelay.apps.AppsProperties;

/**
 * Which apps receive vendor events, under which callback URL, with which secret token. An
 * app takes part when it has {@code events.callback-url}, or always in emulator mode,
 * where the base defaults to this service on loopback and a missing token is generated
 * for the process.
 */
final class CallbackEndpoints {

	static final String PATH = "/callbacks/aliyun/mpu/";

	/** Only characters the vendor allows in a CallbackUrl, and enough of them. */
	static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{24,128}");

	private final Map<String, Endpoint> endpoints;

	private CallbackEndpoints(Map<String, Endpoint> endpoints) {
		this.endpoints = endpoints;
	}

	/** One app's callback set-up. The token is a secret: never printed. */
	record Endpoint(String appId, Supplier<String> base, String token, List<String> channelIds) {

		String callbackUrl() {
			return this.base.get() + PATH + this.appId + "/" + this.token;
		}

		@Override
		public String toString() {
			return "Endpoint[appId=" + appId + ", channelIds=" + channelIds + "]";
		}

	}

	static CallbackEndpoints resolve(AppsProperties apps, AppEventsProperties events, boolean emulatorMode,
			Supplier<String> loopbackBase) {
		Map<String, Endpoint> endpoints = new LinkedHashMap<>();
		for (String appId : apps.apps().keySet().stream().sorted().toList()) {
			AppEventsProperties.Events settings = events.events(appId);
			String base = settings == null ? null : settings.callbackUrl();
			if (base == null && !emulatorMode) {
				continue;
			}
			String token = settings == null ? null : settings.token();
			if (token == null) {
				if (!emulatorMode) {
					throw new IllegalStateException("streamrelay.apps." + appId + ".events.token must be set (from the"
							+ " environment) when events.callback-url is: 24-128 letters, digits, '_' or '-'");
				}
				token = generated();
			}
			if (!TOKEN.matcher(token).matches()) {
				throw new IllegalStateException("streamrelay.apps." + appId
						+ ".events.token must be 24-128 letters, digits, '_' or '-' (value not shown)");
			}
			Supplier<String> baseUrl = base == null ? loopbackBase : fixed(trimSlash(base));
			endpoints.put(appId,
					new Endpoint(appId, baseUrl, token, settings == null ? List.of() : settings.channelIds()));
		}
		return new CallbackEndpoints(Map.copyOf(endpoints));
	}

	Optional<Endpoint> endpoint(String appId) {
		return Optional.ofNullable(this.endpoints.get(appId));
	}

	List<Endpoint> all() {
		return this.endpoints.values().stream().sorted(java.util.Comparator.comparing(Endpoint::appId)).toList();
	}

	/** Whether {@code token} is the app's, compared in constant time. */
	boolean accepts(String appId, String token) {
		Endpoint endpoint = this.endpoints.get(appId);
		byte[] expected = digest(endpoint == null ? "" : endpoint.token());
		boolean same = MessageDigest.isEqual(expected, digest(token == null ? "" : token));
		return endpoint != null && same;
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String generated() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Supplier<String> fixed(String base) {
		return () -> base;
	}

	private static String trimSlash(String base) {
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

}
