package io.streamrelay.relaytask.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.streamrelay.relaytask.task.RelayTaskState;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code streamrelay.tasks} gauges: how many tasks are in each state, from one grouped
 * query cached for {@link #TTL} so that scrapes (and replicas) do not hammer the
 * database. Tagged by state only: every replica reports the same shared table.
 */
@Component
class TaskStateMetrics implements MeterBinder {

	static final String GAUGE = "streamrelay.tasks";

	static final Duration TTL = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final Clock clock;

	private Map<RelayTaskState, Long> counts = Map.of();

	private Instant countedAt = Instant.MIN;

	TaskStateMetrics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (RelayTaskState state : RelayTaskState.values()) {
			Gauge.builder(GAUGE, this, (metrics) -> metrics.count(state))
				.description("Relay tasks by state (whole database, cached " + TTL.toSeconds() + "s)")
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

	synchronized double count(RelayTaskState state) {
		Instant now = this.clock.instant();
		if (now.isAfter(this.countedAt.plus(TTL)) || now.isBefore(this.countedAt)) {
			this.counts = query();
			this.countedAt = now;
		}
		if (this.counts == null) {
			return Double.NaN;
		}
		return this.counts.getOrDefault(state, 0L);
	}

	private Map<RelayTaskState, Long> query() {
		Map<RelayTaskState, Long> result = new HashMap<>();
		try {
			this.jdbc.sql("select state, count(*) as tasks from relay_task group by state")
				.query((rs, row) -> Map.entry(RelayTaskState.valueOf(rs.getString("state")), rs.getLong("tasks")))
				.list()
				.forEach((entry) -> result.put(entry.getKey(), entry.getValue()));
			return result;
		}
		catch (RuntimeException ex) {
			// a scrape during a database outage reports NaN rather than failing the
			// scrape
			return null;
		}
	}

}
