package io.streamrelay.relaytask.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The JSON shape of a relay task spec: the start request body, the document a PATCH
 * merges into, and the {@code spec} of every task response. Per-field rules live here;
 * cross-field rules in the core.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RelaySpecBody(@Pattern(regexp = TASK_ID, message = TASK_ID_RULE) String taskId,
		@NotNull @Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_RULE) String channelId,
		@NotNull @Pattern(regexp = "single|mixed", message = "must be single or mixed") String mode,
		@Valid Single single, @Valid Mixed mixed,
		@Size(min = 1, max = 10,
				message = "must list 1 to 10 destinations (omit it to use the app's own)") List<@NotNull @Size(
						max = 2048, message = "must be at most 2048 characters") @Pattern(regexp = RTMP_URL,
								message = "must be an rtmp:// URL with a host and a path") String> destinations,
		@Valid Sei sei,
		@Min(value = 10, message = MAX_IDLE_RULE) @Max(value = 86400, message = MAX_IDLE_RULE) Integer maxIdleSeconds,
		@Pattern(regexp = "CN-Shanghai|AP-Singapore|EMAA-Saudi",
				message = "must be CN-Shanghai, AP-Singapore or EMAA-Saudi") String region,
		@Min(value = 60, message = MAX_DURATION_RULE) @Max(value = 604800,
				message = MAX_DURATION_RULE) Integer maxDurationSeconds) {

	static final String TASK_ID = "[A-Za-z0-9_-]{1,55}";

	static final String TASK_ID_RULE = "must be 1-55 letters, digits, '_' or '-'";

	static final String CHANNEL_ID = "[A-Za-z0-9_-]{1,64}";

	static final String CHANNEL_ID_RULE = "must be 1-64 letters, digits, '_' or '-'";

	static final String USER_ID = "[A-Za-z0-9_=-]{1,64}";

	static final String USER_ID_RULE = "must be 1-64 letters, digits, '_', '=' or '-'";

	static final String RTMP_URL = "(?i)rtmp://[^\\s/?#]+/[^\\s#]+";

	static final String HTTP_URL = "(?i)https?://[^\\s/?#]+(/[^\\s#]*)?";

	static final String MAX_IDLE_RULE = "must be between 10 and 86400 seconds";

	static final String MAX_DURATION_RULE = "must be between 60 and 604800 seconds (1 minute to 7 days)";

	static final String STREAM_TYPE = "audio_video|audio|video";

	static final String STREAM_TYPE_RULE = "must be audio_video, audio or video";

	static final String SOURCE_TYPE = "camera|screen";

	static final String SOURCE_TYPE_RULE = "must be camera or screen";

	static final String RENDER_MODE = "crop|fit";

	static final String RENDER_MODE_RULE = "must be crop or fit";

	static final String INTERVAL_RULE = "must be between 1000 and 5000 ms";

	/**
	 * Destinations may carry stream keys and auth tokens: never printed (debug logs print
	 * request bodies).
	 */
	@Override
	public String toString() {
		return "RelaySpecBody[taskId=" + taskId + ", channelId=" + channelId + ", mode=" + mode + ", single=" + single
				+ ", mixed=" + mixed + ", destinations="
				+ (destinations == null ? "none" : destinations.size() + " hidden") + ", sei=" + sei
				+ ", maxIdleSeconds=" + maxIdleSeconds + ", region=" + region + ", maxDurationSeconds="
				+ maxDurationSeconds + "]";
	}

	/** The one user a single-stream relay publishes. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Single(@NotNull @Pattern(regexp = USER_ID, message = USER_ID_RULE) String userId,
			@Pattern(regexp = STREAM_TYPE, message = STREAM_TYPE_RULE) String streamType,
			@Pattern(regexp = SOURCE_TYPE, message = SOURCE_TYPE_RULE) String sourceType) {
	}

	/** What a mixed relay composites. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Mixed(@Size(min = 1, max = 16,
			message = "must list 1 to 16 users, or be omitted to mix every user of the channel") List<@NotNull @Valid User> users,
			@Valid Layout layout, @Valid Background background, @Valid Encode encode) {
	}

	/**
	 * A user subscribed by a mixed relay; {@code channelId} only for cross-channel
	 * mixing.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record User(@NotNull @Pattern(regexp = USER_ID, message = USER_ID_RULE) String userId,
			@Pattern(regexp = STREAM_TYPE, message = STREAM_TYPE_RULE) String streamType,
			@Pattern(regexp = SOURCE_TYPE, message = SOURCE_TYPE_RULE) String sourceType,
			@Pattern(regexp = CHANNEL_ID, message = CHANNEL_ID_RULE) String channelId) {
	}

	/**
	 * The panes of the mixed canvas: hand-written {@code panes}, or a {@code preset} the
	 * service computes them from (a task shows both).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Layout(@Size(max = 16, message = "must have at most 16 panes") List<@NotNull @Valid Pane> panes,
			@Pattern(regexp = "grid|speaker|side-by-side|pip|pk",
					message = "must be grid, speaker, side-by-side, pip or pk") String preset,
			@Valid Canvas canvas, @Pattern(regexp = USER_ID, message = USER_ID_RULE) String speaker,
			@DecimalMin(value = "0", message = GAP) @DecimalMax(value = "0.05", message = GAP) Double gap) {

		static final String GAP = "must be between 0 and 0.05 (a fraction of the canvas)";

		/** Hand-written panes. */
		public Layout(List<Pane> panes) {
			this(panes, null, null, null, null);
		}

	}

	/**
	 * The canvas a preset lays out, in pixels (default: the encode's video size, or
	 * 1280x720).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Canvas(@NotNull @Min(value = 16, message = CANVAS) @Max(value = 1920, message = CANVAS) Integer width,
			@NotNull @Min(value = 16, message = CANVAS) @Max(value = 1920, message = CANVAS) Integer height) {

		static final String CANVAS = "must be between 16 and 1920 px";

	}

	/** One pane; x, y, width and height are fractions of the canvas. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Pane(
			@NotNull @DecimalMin(value = "0", message = FRACTION) @DecimalMax(value = "1", message = FRACTION) Double x,
			@NotNull @DecimalMin(value = "0", message = FRACTION) @DecimalMax(value = "1", message = FRACTION) Double y,
			@NotNull @DecimalMin(value = "0", inclusive = false, message = SIZE) @DecimalMax(value = "1",
					message = SIZE) Double width,
			@NotNull @DecimalMin(value = "0", inclusive = false, message = SIZE) @DecimalMax(value = "1",
					message = SIZE) Double height,
			@Min(value = 0, message = Z_ORDER) @Max(value = 99, message = Z_ORDER) Integer zOrder,
			@Pattern(regexp = RENDER_MODE, message = RENDER_MODE_RULE) String renderMode,
			@Pattern(regexp = USER_ID, message = USER_ID_RULE) String userId,
			@Pattern(regexp = SOURCE_TYPE, message = SOURCE_TYPE_RULE) String sourceType,
			@Size(max = 2048, message = "must be at most 2048 characters") @Pattern(regexp = HTTP_URL,
					message = "must be an http(s) URL") String backgroundImageUrl) {

		static final String FRACTION = "must be a fraction of the canvas between 0 and 1";

		static final String SIZE = "must be a fraction of the canvas greater than 0 and at most 1";

		static final String Z_ORDER = "must be between 0 and 99";

	}

	/** The canvas background image. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Background(
			@NotNull @Size(max = 2048, message = "must be at most 2048 characters") @Pattern(regexp = HTTP_URL,
					message = "must be an http(s) URL") String url,
			@Pattern(regexp = RENDER_MODE, message = RENDER_MODE_RULE) String renderMode) {
	}

	/**
	 * Output encoding; unless audioOnly, all but videoCodec, profile and preset are
	 * required.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Encode(Boolean audioOnly,
			@Min(value = 8, message = "must be between 8 and 500 kbps") @Max(value = 500,
					message = "must be between 8 and 500 kbps") Integer audioBitrate,
			@Min(value = 1, message = "must be 1 or 2") @Max(value = 2,
					message = "must be 1 or 2") Integer audioChannels,
			Integer audioSampleRate,
			@Pattern(regexp = "H\\.264|H\\.265", message = "must be H.264 or H.265") String videoCodec,
			@Min(value = 1, message = "must be between 1 and 10000 kbps") @Max(value = 10000,
					message = "must be between 1 and 10000 kbps") Integer videoBitrate,
			@Min(value = 1, message = "must be between 1 and 60 fps") @Max(value = 60,
					message = "must be between 1 and 60 fps") Integer videoFramerate,
			@Min(value = 1, message = "must be between 1 and 60") @Max(value = 60,
					message = "must be between 1 and 60") Integer videoGop,
			@Min(value = 0, message = "must be between 0 and 1920 px") @Max(value = 1920,
					message = "must be between 0 and 1920 px") Integer videoWidth,
			@Min(value = 0, message = "must be between 0 and 1920 px") @Max(value = 1920,
					message = "must be between 0 and 1920 px") Integer videoHeight,
			@Pattern(regexp = "baseline|main|high", message = "must be baseline, main or high") String profile,
			@Pattern(regexp = "ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow|placebo",
					message = "must be an x264 preset name (ultrafast ... placebo)") String preset) {
	}

	/** SEI inserted into the relayed stream. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Sei(Integer payloadType, @Valid SeiTiming layoutVolume, @Valid PassThrough passThrough) {
	}

	/** How often the layout/volume SEI is inserted. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record SeiTiming(
			@Min(value = 1000, message = INTERVAL_RULE) @Max(value = 5000, message = INTERVAL_RULE) Integer intervalMs,
			Boolean followIdr) {
	}

	/** Custom content carried in SEI. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PassThrough(
			@Min(value = 1000, message = INTERVAL_RULE) @Max(value = 5000, message = INTERVAL_RULE) Integer intervalMs,
			Boolean followIdr,
			@NotNull @Size(min = 1, max = 4096, message = "must be 1 to 4096 characters") String content,
			@Pattern(regexp = "[A-Za-z0-9_]{1,64}",
					message = "must be 1-64 letters, digits or '_'") String contentKey) {
	}

}
