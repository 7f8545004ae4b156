package io.streamrelay.relaytask.spec;

import java.util.List;

/**
 * What a mixed relay composites: users, layout, background and output encoding. With a
 * {@code preset}, the panes are the ones computed from it.
 */
public record MixedSpec(List<MixedUser> users, List<Pane> panes, Background background, Encode encode,
		LayoutPreset preset) {

	public MixedSpec {
		users = users == null ? List.of() : List.copyOf(users);
		panes = panes == null ? List.of() : List.copyOf(panes);
	}

	/** Hand-written panes (or none). */
	public MixedSpec(List<MixedUser> users, List<Pane> panes, Background background, Encode encode) {
		this(users, panes, background, encode, null);
	}

}
