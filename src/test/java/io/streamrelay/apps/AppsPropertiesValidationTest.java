package io.streamrelay.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AppsPropertiesValidationTest {

	static final String APP = "streamrelay.apps.app1.";

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(AppsConfig.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AppsProperties.class)
	static class AppsConfig {

	}

	/** Messages of the start-up failure and all its causes, joined. */
	static String failure(Throwable startupFailure) {
		List<String> messages = new ArrayList<>();
		for (Throwable t = startupFailure; t != null; t = t.getCause()) {
			messages.add(String.valueOf(t.getMessage()));
		}
		return String.join("\n", messages);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"rts2-enabled true | rts2-enabled=true | true | rts2Enabled | must be false: stream relay fails on a streaming domain with RTS 2.0 enabled",
			"streaming domain missing | app-name=live | false | streamingDomain | must not be blank",
			"streaming domain without dot | streaming-domain=localhost | false | streamingDomain | must be a host name",
			"streaming domain with underscore | streaming-domain=play_1.example.com | false | streamingDomain | must be a host name",
			"ingest domain with scheme | ingest-domain=rtmp://push.example.com | true | ingestDomain | must be a host name",
			"app-name with slash | app-name=live/x | true | appName | must be 1-64 letters, digits",
			"app-name too long | app-name=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | true | appName | must be 1-64 letters, digits",
			"sei interval 999 | sei.interval-ms=999 | true | sei.intervalMs | must be between 1000 and 5000 ms",
			"sei interval 5001 | sei.interval-ms=5001 | true | sei.intervalMs | must be between 1000 and 5000 ms",
			"playback scheme ftp | playback-scheme=ftp | true | playbackScheme | must be http or https" })
	void refusesToStartNamingTheKeyAndTheRule(String name, String property, boolean withStreamingDomain, String field,
			String rule) {
		List<String> properties = new ArrayList<>(List.of(APP + property));
		if (withStreamingDomain) {
			properties.add(APP + "streaming-domain=play.example.com");
		}
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			String message = failure(context.getStartupFailure());
			assertThat(message).contains("apps[app1]." + field).contains(rule);
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "push-auth-key | short12", "play-auth-key | 1234567",
			"push-auth-key | aVeryLongKeyThatIsWayBeyondTheLimitaVeryLongKeyThatIsWayBeyondTheLimitaVeryLongKeyThatIsWayBeyondTheLimitaVeryLongKeyThatIsWayBeyondTheLimit" })
	void refusesABadSigningKeyWithoutPrintingIt(String name, String value) {
		this.runner.withPropertyValues(APP + "streaming-domain=play.example.com", APP + name + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				String message = failure(context.getStartupFailure());
				assertThat(message).contains("streamrelay.apps.app1." + name).contains("must be 8-128 characters");
				assertThat(message).doesNotContain(value);
			});
	}

	@Test
	void refusesSeiWithNeitherIntervalNorFollowIdr() {
		this.runner.withPropertyValues(APP + "streaming-domain=play.example.com", APP + "sei.follow-idr=false")
			.run((context) -> {
				assertThat(context).hasFailed();
				String message = failure(context.getStartupFailure());
				assertThat(message).contains("streamrelay.apps.app1.sei")
					.contains("set interval-ms (1000-5000), follow-idr: true, or both");
			});
	}

	@Test
	void refusesAnAppIdWithABadCharacter() {
		this.runner.withPropertyValues("streamrelay.apps[bad.app].streaming-domain=play.example.com").run((context) -> {
			assertThat(context).hasFailed();
			String message = failure(context.getStartupFailure());
			assertThat(message).contains("streamrelay.apps.bad.app")
				.contains("the AppId must be 1-64 letters, digits, '_' or '-'");
		});
	}

	@Test
	void startsWithAGoodConfigFillingDefaults() {
		this.runner
			.withPropertyValues(APP + "streaming-domain=play.example.com", APP + "sei.interval-ms=2000",
					APP + "push-auth-key=push-secret-canary", APP + "play-auth-key=play-secret-canary",
					"streamrelay.apps.My_App-2.streaming-domain=play.other.example",
					"streamrelay.apps.My_App-2.ingest-domain=push.other.example")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AppsProperties properties = context.getBean(AppsProperties.class);
				AppSettings app1 = properties.apps().get("app1");
				assertThat(app1.ingestDomain()).isEqualTo("play.example.com");
				assertThat(app1.appName()).isEqualTo("live");
				assertThat(app1.playbackScheme()).isEqualTo("https");
				assertThat(app1.rts2Enabled()).isFalse();
				assertThat(app1.sei()).isEqualTo(new AppSettings.Sei(2000, false));
				assertThat(app1.pushAuthKey()).isEqualTo("push-secret-canary");
				assertThat(properties.apps().get("My_App-2").ingestDomain()).isEqualTo("push.other.example");
			});
	}

	@Test
	void toStringNeverContainsTheSigningKeys() {
		AppSettings settings = AppSettings.of("play.example.com", null, null, null, "push-secret-canary",
				"play-secret-canary", false, null);
		assertThat(settings.toString()).doesNotContain("push-secret-canary")
			.doesNotContain("play-secret-canary")
			.contains("pushAuthKey=****")
			.contains("play.example.com");
		assertThat(new AppsProperties(Map.of("app1", settings)).toString()).doesNotContain("canary");
	}

}
