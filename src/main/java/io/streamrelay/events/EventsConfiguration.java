package io.streamrelay.events;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamrelay.apps.AppsProperties;
import io.streamrelay.apps.ConfiguredRelayApps;
import io.streamrelay.relaytask.events.EventApplier;
import io.streamrelay.relaytask.events.VendorEvents;
import io.streamrelay.relaytask.task.RelayTasks;
import io.streamrelay.relaytask.vendor.EventSubscriptions;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires vendor events: the store, the applier, the callback endpoints, the subscription
 * sync (after start-up, then on a schedule, on one replica), its health, and the
 * reconciler's pass over the vendor's event records.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EventsProperties.class, AppEventsProperties.class })
class EventsConfiguration {

	static final String SYNC_LOCK = "vendor-event-subscriptions";

	@Bean
	VendorEvents vendorEvents(JdbcClient jdbc) {
		return new JdbcVendorEvents(jdbc);
	}

	@Bean
	EventApplier vendorEventApplier(RelayTasks tasks, VendorEvents events, Clock clock) {
		return new EventApplier(tasks, events, clock);
	}

	@Bean
	CallbackEndpoints callbackEndpoints(AppsProperties apps, AppEventsProperties events, EventsProperties properties,
			Environment environment) {
		if (!properties.enabled()) {
			return CallbackEndpoints.resolve(new AppsProperties(java.util.Map.of()), events, false, () -> "");
		}
		String mode = environment.getProperty("streamrelay.upstream.mode", "emulator");
		return CallbackEndpoints.resolve(apps, events, "emulator".equalsIgnoreCase(mode), () -> "http://127.0.0.1:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")));
	}

	/** One thread: events are applied in the order they arrived. */
	@Bean(destroyMethod = "close")
	Repeating vendorEventThread() {
		return new Repeating("vendor-events");
	}

	@Bean(destroyMethod = "close")
	Repeating subscriptionSyncThread() {
		return new Repeating("vendor-event-subscriptions");
	}

	@Bean
	EventIntake vendorEventIntake(VendorEvents events, EventApplier applier, MeterRegistry meters,
			Repeating vendorEventThread) {
		return new EventIntake(events, applier, meters, vendorEventThread);
	}

	@Bean
	SubscriptionSync subscriptionSync(CallbackEndpoints endpoints, EventSubscriptions vendor, Clock clock) {
		return new SubscriptionSync(endpoints, vendor, clock);
	}

	@Bean
	SubscriptionHealth vendorEventsHealthIndicator(SubscriptionSync sync) {
		return new SubscriptionHealth(sync);
	}

	@Bean
	EventRecordSweep eventRecordSweep(SubscriptionSync sync, EventSubscriptions vendor, VendorEvents events,
			EventIntake intake, EventApplier applier, ConfiguredRelayApps apps, Clock clock,
			EventsProperties properties) {
		return new EventRecordSweep(sync, vendor, events, intake, applier, apps, clock, properties.recordsPageSize());
	}

	/**
	 * The first sync runs once the web server listens (its port is in the emulator-mode
	 * callback URL), off the start-up thread: a vendor that does not answer never delays
	 * or fails the start; the schedule retries.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> subscriptionSyncSchedule(SubscriptionSync sync,
			LockProvider lockProvider, Repeating subscriptionSyncThread, EventsProperties properties, Clock clock) {
		DefaultLockingTaskExecutor locks = new DefaultLockingTaskExecutor(lockProvider);
		Runnable pass = () -> {
			try {
				locks.executeWithLock((Runnable) sync::syncAll,
						new LockConfiguration(clock.instant(), SYNC_LOCK, Duration.ofMinutes(5), Duration.ZERO));
			}
			catch (RuntimeException ex) {
				org.slf4j.LoggerFactory.getLogger(EventsConfiguration.class)
					.warn("Event subscription sync failed; the next pass retries", ex);
			}
		};
		return (event) -> {
			if (!properties.enabled() || sync.apps().isEmpty()) {
				return;
			}
			new SyncSchedule(subscriptionSyncThread, pass, sync::allInSync, properties.syncInterval()).start();
		};
	}

}
