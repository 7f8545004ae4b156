package io.streamrelay.relaycheck;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

import io.streamrelay.apps.AppSettings;
import io.streamrelay.apps.AppsProperties;
import io.streamrelay.relaytask.relaycheck.RelayTarget;
import io.streamrelay.relaytask.task.RelayTask;

/**
 * Which stream of a task the CDN check looks at: the first destination on the app's own
 * ingest domain ({@code rtmp://{ingestDomain}/{AppName}/{stream}}), listed under the
 * app's streaming domain. Destinations elsewhere (YouTube, another CDN) are not ours to
 * check.
 */
public final class RelayTargets implements Function<RelayTask, Optional<RelayTarget>> {

	private final AppsProperties apps;

	public RelayTargets(AppsProperties apps) {
		this.apps = apps;
	}

	@Override
	public Optional<RelayTarget> apply(RelayTask task) {
		AppSettings settings = this.apps.apps().get(task.appId());
		if (settings == null) {
			return Optional.empty();
		}
		return task.spec()
			.destinations()
			.stream()
			.map((url) -> target(settings, url))
			.flatMap(Optional::stream)
			.findFirst();
	}

	static Optional<RelayTarget> target(AppSettings settings, String url) {
		try {
			URI uri = URI.create(url);
			String[] segments = uri.getPath() == null ? new String[0] : uri.getPath().split("/");
			if (!"rtmp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
					|| !uri.getHost().equalsIgnoreCase(settings.ingestDomain()) || segments.length != 3) {
				return Optional.empty();
			}
			return Optional.of(new RelayTarget(settings.streamingDomain(), segments[1], segments[2]));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
