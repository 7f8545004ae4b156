package io.streamrelay.relaytask.spec;

/**
 * SEI inserted into the relayed stream: the vendor's layout/volume SEI and optional
 * pass-through content. {@code payloadType} can only be chosen at start (5 =
 * user_data_unregistered, or 100-254).
 */
public record SeiSettings(Integer payloadType, SeiTiming layoutVolume, PassThrough passThrough) {

	/**
	 * How often an SEI is inserted: every {@code intervalMs} (1000-5000) and/or with
	 * every IDR frame.
	 */
	public record SeiTiming(Integer intervalMs, boolean followIdr) {
	}

	/**
	 * Custom content carried in SEI under {@code contentKey} (vendor default
	 * {@code udd}).
	 */
	public record PassThrough(Integer intervalMs, boolean followIdr, String content, String contentKey) {
	}

}
