package io.streamrelay.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.streamrelay.apps.AppSettings;
import io.streamrelay.apps.AppsProperties;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import io.streamrelay.relaytask.vendor.UpstreamFailure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The subscription sync and its health against a scripted vendor, without Spring. */
class SubscriptionSyncTest {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

	static final String TOKEN = "tok_0123456789abcdefghijklmn";

	static final AppsProperties APPS = new AppsProperties(Map.of("app1",
			AppSettings.of("play.example.com", "push.example.com", "live", null, null, null, false, null)));

	static CallbackEndpoints endpoints(List<String> channels) {
		return CallbackEndpoints.resolve(APPS,
				new AppEventsProperties(Map.of("app1",
						new AppEventsProperties.App(
								new AppEventsProperties.Events("https://relay.example.com/", channels, TOKEN)))),
				false, () -> "unused");
	}

	/** A vendor that records calls and can be down. */
	static class ScriptedVendor implements EventSubscriptions {

		Subscription current;

		boolean down;

		final List<String> calls = new ArrayList<>();

		@Override
		public Optional<Subscription> describe(String appId) {
			this.calls.add("describe");
			if (this.down) {
				throw new UpstreamFailure.Unreachable("ConnectionRefused", "connection refused");
			}
			return Optional.ofNullable(this.current);
		}

		@Override
		public String create(String appId, String callbackUrl, List<String> channelIds) {
			this.calls.add("create " + callbackUrl + " " + channelIds);
			this.current = new Subscription("Sub-1", appId, callbackUrl, channelIds);
			return "Sub-1";
		}

		@Override
		public void update(String appId, String callbackUrl, List<String> channelIds) {
			this.calls.add("update " + callbackUrl + " " + channelIds);
			this.current = new Subscription(this.current.subId(), appId, callbackUrl, channelIds);
		}

		@Override
		public RecordPage records(String appId, Instant from, Instant to, int pageNo, int pageSize) {
			return new RecordPage(List.of(), false);
		}

	}

	@Test
	void aVendorThatIsDownLeavesTheAppFailingInHealthAndTheNextPassCreatesTheSubscription() {
		ScriptedVendor vendor = new ScriptedVendor();
		vendor.down = true;
		SubscriptionSync sync = new SubscriptionSync(endpoints(List.of()), vendor, CLOCK);
		SubscriptionHealth health = new SubscriptionHealth(sync);
		assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);

		sync.syncAll();
		assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.health().getDetails().toString()).contains("failing").contains("connection refused");

		vendor.down = false;
		sync.syncAll();
		assertThat(vendor.calls)
			.contains("create https://relay.example.com/callbacks/aliyun/mpu/app1/" + TOKEN + " []");
		assertThat(sync.subId("app1")).contains("Sub-1");
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(health.health().getDetails().toString()).doesNotContain(TOKEN);
	}

	@Test
	void updatesASubscriptionWhoseUrlOrChannelsDifferAndLeavesAMatchingOneAlone() {
		ScriptedVendor vendor = new ScriptedVendor();
		vendor.current = new EventSubscriptions.Subscription("Sub-9", "app1", "https://old.example.com/cb", List.of());
		SubscriptionSync sync = new SubscriptionSync(endpoints(List.of("ch2", "ch1")), vendor, CLOCK);

		sync.syncAll();
		sync.syncAll();

		assertThat(vendor.calls).containsExactly("describe",
				"update https://relay.example.com/callbacks/aliyun/mpu/app1/" + TOKEN + " [ch2, ch1]", "describe");
		assertThat(sync.subId("app1")).contains("Sub-9");
	}

	@Test
	void aFailingSyncIsRetriedSoonerThanTheIntervalThenAtTheInterval() {
		SyncSchedule schedule = new SyncSchedule(null, () -> {
		}, () -> false, java.time.Duration.ofMinutes(10));

		assertThat(schedule.next(false)).isEqualTo(java.time.Duration.ofSeconds(5));
		assertThat(schedule.next(false)).isEqualTo(java.time.Duration.ofSeconds(10));
		assertThat(schedule.next(false)).isEqualTo(java.time.Duration.ofSeconds(20));
		assertThat(schedule.next(true)).isEqualTo(java.time.Duration.ofMinutes(10));
		assertThat(schedule.next(false)).isEqualTo(java.time.Duration.ofSeconds(5));
	}

	@Test
	void acceptsOnlyTheAppsOwnToken() {
		CallbackEndpoints endpoints = endpoints(List.of());

		assertThat(endpoints.accepts("app1", TOKEN)).isTrue();
		assertThat(endpoints.accepts("app1", TOKEN + "x")).isFalse();
		assertThat(endpoints.accepts("app2", TOKEN)).isFalse();
		assertThat(endpoints.accepts("app1", null)).isFalse();
	}

	@Test
	void refusesACallbackUrlWithoutATokenAgainstTheRealVendor() {
		assertThatThrownBy(() -> CallbackEndpoints.resolve(APPS,
				new AppEventsProperties(Map.of("app1",
						new AppEventsProperties.App(
								new AppEventsProperties.Events("https://relay.example.com", null, null)))),
				false, () -> "unused"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("events.token must be set");
	}

	@Test
	void inEmulatorModeEveryAppTakesPartOnLoopbackWithAGeneratedToken() {
		CallbackEndpoints endpoints = CallbackEndpoints.resolve(APPS, new AppEventsProperties(null), true,
				() -> "http://127.0.0.1:8080");

		String url = endpoints.endpoint("app1").orElseThrow().callbackUrl();
		assertThat(url).startsWith("http://127.0.0.1:8080/callbacks/aliyun/mpu/app1/");
		assertThat(url.substring(url.lastIndexOf('/') + 1)).matches(CallbackEndpoints.TOKEN.pattern());
	}

}
