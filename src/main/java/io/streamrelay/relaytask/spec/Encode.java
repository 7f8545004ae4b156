package io.streamrelay.relaytask.spec;

/**
 * Output encoding of a mixed relay. Unless {@code audioOnly}, every field but
 * {@code videoCodec}, {@code profile} and {@code preset} is required by the vendor.
 */
public record Encode(boolean audioOnly, Integer audioBitrate, Integer audioChannels, Integer audioSampleRate,
		String videoCodec, Integer videoBitrate, Integer videoFramerate, Integer videoGop, Integer videoWidth,
		Integer videoHeight, String profile, String preset) {

	public static final String H264 = "H.264";

	public static final String H265 = "H.265";

	/**
	 * The encoding used when a mixed relay names none: 720p, 25 fps, stereo AAC at 128
	 * kbps.
	 */
	public static Encode defaults() {
		return new Encode(false, 128, 2, 44100, H264, 2000, 25, 50, 1280, 720, null, null);
	}

}
