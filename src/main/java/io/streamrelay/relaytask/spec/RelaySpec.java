package io.streamrelay.relaytask.spec;

import java.util.List;
import java.util.Objects;

/**
 * Everything the vendor needs to run a relay task: exactly one of {@code single} /
 * {@code mixed} matches {@code mode}. Destinations may hold stream keys and auth tokens:
 * {@link #toString()} hides them.
 */
public record RelaySpec(String channelId, RelayMode mode, SingleSource single, MixedSpec mixed,
		List<String> destinations, SeiSettings sei, Integer maxIdleSeconds, String region, Integer maxDurationSeconds) {

	/** The shortest {@code maxDurationSeconds} a task may set: 1 minute. */
	public static final int MIN_MAX_DURATION = 60;

	/** The longest {@code maxDurationSeconds}: 7 days. */
	public static final int MAX_MAX_DURATION = 604_800;

	public RelaySpec {
		Objects.requireNonNull(channelId, "channelId");
		Objects.requireNonNull(mode, "mode");
		destinations = destinations == null ? List.of() : List.copyOf(destinations);
		if (maxDurationSeconds != null
				&& (maxDurationSeconds < MIN_MAX_DURATION || maxDurationSeconds > MAX_MAX_DURATION)) {
			throw new IllegalArgumentException("maxDurationSeconds must be between " + MIN_MAX_DURATION + " and "
					+ MAX_MAX_DURATION + ", not " + maxDurationSeconds);
		}
	}

	/** A spec without a max duration of its own (the app's applies). */
	public RelaySpec(String channelId, RelayMode mode, SingleSource single, MixedSpec mixed, List<String> destinations,
			SeiSettings sei, Integer maxIdleSeconds, String region) {
		this(channelId, mode, single, mixed, destinations, sei, maxIdleSeconds, region, null);
	}

	/** The user whose id names the relay: the single user, or the first mixed user. */
	public String anchorUserId() {
		if (mode == RelayMode.SINGLE) {
			return single == null ? null : single.userId();
		}
		return mixed == null || mixed.users().isEmpty() ? null : mixed.users().get(0).userId();
	}

	public RelaySpec withDestinations(List<String> newDestinations) {
		return new RelaySpec(channelId, mode, single, mixed, newDestinations, sei, maxIdleSeconds, region,
				maxDurationSeconds);
	}

	public RelaySpec withSei(SeiSettings newSei) {
		return new RelaySpec(channelId, mode, single, mixed, destinations, newSei, maxIdleSeconds, region,
				maxDurationSeconds);
	}

	public RelaySpec withMaxDurationSeconds(Integer newMaxDurationSeconds) {
		return new RelaySpec(channelId, mode, single, mixed, destinations, sei, maxIdleSeconds, region,
				newMaxDurationSeconds);
	}

	/**
	 * Whether {@code other} differs from this spec in {@code maxDurationSeconds} alone: a
	 * local setting the vendor never sees, so changing it needs no vendor call.
	 */
	public boolean differsOnlyInMaxDuration(RelaySpec other) {
		return !equals(other) && withMaxDurationSeconds(null).equals(other.withMaxDurationSeconds(null));
	}

	@Override
	public String toString() {
		return "RelaySpec[channelId=" + channelId + ", mode=" + mode + ", single=" + single + ", mixed=" + mixed
				+ ", destinations=" + destinations.size() + " hidden, sei=" + sei + ", maxIdleSeconds=" + maxIdleSeconds
				+ ", region=" + region + ", maxDurationSeconds=" + maxDurationSeconds + "]";
	}

}
