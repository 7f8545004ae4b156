package io.streamrelay.relaytask.spec;

/**
 * One region of the mixed canvas; coordinates are fractions of the canvas. Without
 * {@code userId} the vendor fills panes in the order users joined.
 */
public record Pane(double x, double y, double width, double height, int zOrder, RenderMode renderMode, String userId,
		SourceType sourceType, String backgroundImageUrl) {

	public Pane {
		renderMode = renderMode == null ? RenderMode.CROP : renderMode;
		if (userId != null && sourceType == null) {
			sourceType = SourceType.CAMERA;
		}
	}

}
