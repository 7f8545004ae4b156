package io.streamrelay.relaytask.spec;

import java.util.List;

import io.streamrelay.relaytask.spec.RelayApps.RelayApp;

/**
 * Turns a requested spec into the one sent: the app's defaults filled in, then every rule
 * and the policy checked.
 */
public final class SpecPreparation {

	private SpecPreparation() {
	}

	public static RelaySpec forStart(RelayApp app, RelaySpec requested) {
		RelaySpec spec = normalize(app, requested);
		List<Violation> violations = RelaySpecRules.check(spec);
		if (!violations.isEmpty()) {
			throw new InvalidRelaySpec(violations);
		}
		checkPolicy(app, spec);
		return spec;
	}

	public static RelaySpec forUpdate(RelayApp app, RelaySpec current, RelaySpec requested) {
		RelaySpec normalized = normalize(app, requested);
		RelaySpec spec = normalized.withDestinations(app.refreshDestinations(normalized.destinations()));
		List<Violation> violations = RelaySpecRules.checkUpdate(current, spec);
		if (!violations.isEmpty()) {
			throw new InvalidRelaySpec(violations);
		}
		checkPolicy(app, spec);
		return spec;
	}

	private static void checkPolicy(RelayApp app, RelaySpec spec) {
		List<Violation> refused = app.destinationViolations(spec);
		if (!refused.isEmpty()) {
			throw new DestinationNotAllowed(refused);
		}
	}

	public static RelaySpec normalize(RelayApp app, RelaySpec spec) {
		RelaySpec normalized = spec;
		if (normalized.destinations().isEmpty() && normalized.anchorUserId() != null) {
			normalized = normalized
				.withDestinations(List.of(app.defaultDestination(normalized.channelId(), normalized.anchorUserId())));
		}
		if (normalized.sei() == null && app.defaultSei() != null) {
			normalized = normalized.withSei(app.defaultSei());
		}
		if (normalized.mode() == RelayMode.MIXED && normalized.mixed() != null && normalized.mixed().encode() == null) {
			MixedSpec mixed = normalized.mixed();
			normalized = new RelaySpec(normalized.channelId(), normalized.mode(), normalized.single(),
					new MixedSpec(mixed.users(), mixed.panes(), mixed.background(), Encode.defaults(), mixed.preset()),
					normalized.destinations(), normalized.sei(), normalized.maxIdleSeconds(), normalized.region(),
					normalized.maxDurationSeconds());
		}
		return normalized;
	}

}
