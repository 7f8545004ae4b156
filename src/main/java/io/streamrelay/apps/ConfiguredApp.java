package io.streamrelay.apps;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.streamrelay.redaction.Redaction;
import io.streamrelay.relaytask.spec.RelayApps;
import io.streamrelay.relaytask.spec.RelaySpec;
import io.streamrelay.relaytask.spec.SeiSettings;
import io.streamrelay.relaytask.spec.Violation;

/**
 * One configured RTC application: default push URL, SEI defaults, playback URLs and URL
 * redaction.
 */
public final class ConfiguredApp implements RelayApps.RelayApp {

	private final String appId;

	private final AppSettings settings;

	private final Clock clock;

	private final DestinationPolicy policy;

	ConfiguredApp(String appId, AppSettings settings, Clock clock) {
		this.appId = appId;
		this.settings = settings;
		this.clock = clock;
		this.policy = new DestinationPolicy(settings);
	}

	@Override
	public List<Violation> destinationViolations(RelaySpec spec) {
		return this.policy.check(spec);
	}

	@Override
	public String appId() {
		return this.appId;
	}

	/**
	 * {@code rtmp://{ingestDomain}/{appName}/{appId}_{channelId}_{anchor}_camera}, signed
	 * when a push key is set.
	 */
	@Override
	public String defaultDestination(String channelId, String anchorUserId) {
		String path = "/" + settings.appName() + "/" + streamName(channelId, anchorUserId);
		String url = "rtmp://" + settings.ingestDomain() + path;
		if (settings.pushAuthKey() == null) {
			return url;
		}
		return url + "?auth_key="
				+ AuthKeySigner.authKey(path, clock.instant().getEpochSecond(), settings.pushAuthKey());
	}

	/**
	 * Re-signs {@code auth_key} of push URLs on this app's ingest domain (the ones this
	 * app signs) with "now".
	 */
	@Override
	public List<String> refreshDestinations(List<String> destinations) {
		if (settings.pushAuthKey() == null) {
			return destinations;
		}
		return destinations.stream().map(this::resign).toList();
	}

	private String resign(String url) {
		URI uri = parse(url);
		if (uri == null || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(settings.ingestDomain())
				|| uri.getRawQuery() == null || !uri.getRawQuery().matches("auth_key=[0-9]+-0-0-[0-9a-f]{32}")) {
			return url;
		}
		String path = uri.getRawPath();
		String base = url.substring(0, url.indexOf('?'));
		return base + "?auth_key="
				+ AuthKeySigner.authKey(path, clock.instant().getEpochSecond(), settings.pushAuthKey());
	}

	@Override
	public SeiSettings defaultSei() {
		AppSettings.Sei sei = settings.sei();
		return sei == null ? null
				: new SeiSettings(null, new SeiSettings.SeiTiming(sei.intervalMs(), sei.followIdr()), null);
	}

	/**
	 * Playback URLs on the streaming domain for a destination pushed to this app's ingest
	 * domain, else null.
	 */
	public Playback playback(String destination) {
		URI uri = parse(destination);
		if (uri == null || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(settings.ingestDomain())
				|| uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
			return null;
		}
		String path = uri.getRawPath();
		String base = "://" + settings.streamingDomain();
		return new Playback("rtmp" + base + path + playQuery(path),
				settings.playbackScheme() + base + path + ".flv" + playQuery(path + ".flv"),
				settings.playbackScheme() + base + path + ".m3u8" + playQuery(path + ".m3u8"));
	}

	private String playQuery(String uri) {
		if (settings.playAuthKey() == null) {
			return "";
		}
		return "?auth_key=" + AuthKeySigner.authKey(uri, clock.instant().getEpochSecond(), settings.playAuthKey());
	}

	/**
	 * The destination with every query value and credential hidden, and the stream key
	 * hidden unless the URL points at this app's own ingest domain (whose stream names
	 * are public playback names).
	 */
	public String redact(String destination) {
		return Redaction.url(destination, settings.ingestDomain()::equalsIgnoreCase);
	}

	/**
	 * An image URL with its query values hidden (signing tokens such as auth_key or OSS
	 * signatures); its path names a file, not a key.
	 */
	public static String redactImage(String url) {
		return Redaction.url(url, (host) -> true);
	}

	String streamName(String channelId, String anchorUserId) {
		return this.appId + "_" + channelId + "_" + anchorUserId + "_camera";
	}

	private static URI parse(String url) {
		try {
			return new URI(url);
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** Where viewers pull the relayed stream. */
	public record Playback(String rtmp, String flv, String hls) {
	}

}
