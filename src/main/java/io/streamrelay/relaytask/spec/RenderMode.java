package io.streamrelay.relaytask.spec;

/** How a video is fitted into its pane or canvas. */
public enum RenderMode {

	/** Fill the pane, cropping what overflows (the vendor default). */
	CROP,
	/** Scale to fit, with black bars. */
	FIT

}
