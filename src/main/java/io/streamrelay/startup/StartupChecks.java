package io.streamrelay.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.streamrelay.security.DevelopmentKey;
import org.apache.commons.codec.digest.DigestUtils;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the settings that make start-up pointless before any bean is built, and refuses
 * with all of them at once ({@link StartupRefused}, shown by
 * {@link StartupRefusedAnalyzer}). The beans keep their own checks as a second line.
 */
class StartupChecks implements EnvironmentPostProcessor {

	static final String IGNORE_SSL = "ALIBABACLOUD_JAVA_CORE_INGNORE_SSL";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> problems = problems(environment);
		if (!problems.isEmpty()) {
			throw new StartupRefused(problems);
		}
	}

	static List<String> problems(ConfigurableEnvironment environment) {
		List<String> problems = new ArrayList<>();
		String mode = environment.getProperty("streamrelay.upstream.mode", "emulator").trim().toLowerCase(Locale.ROOT);
		if (!mode.equals("emulator") && !mode.equals("aliyun")) {
			problems.add("streamrelay.upstream.mode must be exactly 'emulator' or 'aliyun'");
		}
		boolean aliyun = mode.equals("aliyun");
		Binder binder = Binder.get(environment);
		if (binder.bind("streamrelay.emulator.standalone", Boolean.class).orElse(false)) {
			// the emulator alone has none of the service's settings to check
			if (!mode.equals("emulator")) {
				problems.add("streamrelay.emulator.standalone=true runs the vendor emulator alone; it cannot be"
						+ " combined with streamrelay.upstream.mode=" + mode);
			}
			return problems;
		}
		int keys = apiKeys(binder, aliyun, problems);
		if (aliyun) {
			aliyunProblems(environment, keys, problems);
		}
		return problems;
	}

	private static int apiKeys(Binder binder, boolean aliyun, List<String> problems) {
		String developmentHash = DigestUtils.sha256Hex(DevelopmentKey.VALUE);
		int count = 0;
		for (int i = 0; i < 1000; i++) {
			String prefix = "streamrelay.security.api-keys[" + i + "]";
			String name = binder.bind(prefix + ".name", String.class).orElse(null);
			String sha256 = binder.bind(prefix + ".sha256", String.class).orElse(null);
			if (name == null && sha256 == null) {
				break;
			}
			count++;
			String which = prefix + ".sha256" + ((name != null) ? " (key '" + name + "')" : "");
			if (sha256 == null || !SHA256.matcher(sha256).matches()) {
				// never echo the value: a pasted key instead of its hash would land in
				// the log
				problems.add(which + " must be the lowercase hex SHA-256 of the key (printf %s \"$KEY\" | sha256sum);"
						+ " the value given is not shown");
			}
			else if (aliyun && sha256.equals(developmentHash)) {
				problems.add("streamrelay.security.api-keys[" + name
						+ "]: the development key must not be used with streamrelay.upstream.mode=aliyun");
			}
		}
		return count;
	}

	private static void aliyunProblems(ConfigurableEnvironment environment, int keys, List<String> problems) {
		if (keys == 0) {
			problems.add("streamrelay.upstream.mode=aliyun needs at least one API key under "
					+ "streamrelay.security.api-keys (see the README, 'API keys')");
		}
		List<String> missing = new ArrayList<>();
		if (blank(environment, "streamrelay.upstream.access-key-id", "ALIBABA_CLOUD_ACCESS_KEY_ID")) {
			missing.add("ALIBABA_CLOUD_ACCESS_KEY_ID");
		}
		if (blank(environment, "streamrelay.upstream.access-key-secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET")) {
			missing.add("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
		}
		if (!missing.isEmpty()) {
			problems.add("streamrelay.upstream.mode=aliyun needs an AccessKey: set the environment variables"
					+ " ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (missing: "
					+ String.join(" ", missing) + ")");
		}
		String bypass = environment.getProperty(IGNORE_SSL);
		if (bypass != null && !bypass.isBlank() && !"false".equalsIgnoreCase(bypass.trim())) {
			problems.add(IGNORE_SSL + " is set: the vendor SDK would skip TLS certificate checks; unset it to run"
					+ " with streamrelay.upstream.mode=aliyun");
		}
	}

	private static boolean blank(ConfigurableEnvironment environment, String property, String variable) {
		String value = environment.getProperty(property);
		if (value == null || value.isBlank()) {
			value = environment.getProperty(variable);
		}
		return value == null || value.isBlank();
	}

}
