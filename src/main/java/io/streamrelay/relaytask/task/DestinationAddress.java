package io.streamrelay.relaytask.task;

import java.util.Locale;

/**
 * The address of a destination URL: what stays when its query and fragment are dropped
 * (an {@code auth_key} is re-signed on every call, the stream is the same), scheme and
 * host lower-cased.
 */
public final class DestinationAddress {

	private DestinationAddress() {
	}

	public static String of(String url) {
		int end = url.length();
		for (char stop : new char[] { '?', '#' }) {
			int at = url.indexOf(stop);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		String address = url.substring(0, end);
		int slash = address.indexOf('/', address.indexOf("://") + 3);
		return (slash < 0) ? address.toLowerCase(Locale.ROOT)
				: address.substring(0, slash).toLowerCase(Locale.ROOT) + address.substring(slash);
	}

}
