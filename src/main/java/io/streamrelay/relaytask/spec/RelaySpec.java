package io.streamrelay.relaytask.spec;

import java.util.List;
import java.util.Objects;

/**
 * Everything the vendor needs to run a relay task: exactly one of {@code single} /
 * {@code mixed} matches {@code mode}. Destinations may hold stream keys and auth tokens:
 * {@link #toString()} hides them.
 */
public record RelaySpec(String channelId, RelayMode mode, SingleSource single, MixedSpec mixed,
		List<String> destinations, SeiSettings sei, Integer maxIdleSeconds, String region) {

	public RelaySpec {
		Objects.requireNonNull(channelId, "channelId");
		Objects.requireNonNull(mode, "mode");
		destinations = destinations == null ? List.of() : List.copyOf(destinations);
	}

	/** The user whose id names the relay: the single user, or the first mixed user. */
	public String anchorUserId() {
		if (mode == RelayMode.SINGLE) {
			return single == null ? null : single.userId();
		}
		return mixed == null || mixed.users().isEmpty() ? null : mixed.users().get(0).userId();
	}

	public RelaySpec withDestinations(List<String> newDestinations) {
		return new RelaySpec(channelId, mode, single, mixed, newDestinations, sei, maxIdleSeconds, region);
	}

	public RelaySpec withSei(SeiSettings newSei) {
		return new RelaySpec(channelId, mode, single, mixed, destinations, newSei, maxIdleSeconds, region);
	}

	@Override
	public String toString() {
		return "RelaySpec[channelId=" + channelId + ", mode=" + mode + ", single=" + single + ", mixed=" + mixed
				+ ", destinations=" + destinations.size() + " hidden, sei=" + sei + ", maxIdleSeconds=" + maxIdleSeconds
				+ ", region=" + region + "]";
	}

}
