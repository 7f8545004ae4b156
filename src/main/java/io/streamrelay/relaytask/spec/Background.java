package io.streamrelay.relaytask.spec;

import java.util.Objects;

/** The canvas background image of a mixed relay. */
public record Background(String url, RenderMode renderMode) {

	public Background {
		Objects.requireNonNull(url, "url");
		renderMode = renderMode == null ? RenderMode.CROP : renderMode;
	}

}
