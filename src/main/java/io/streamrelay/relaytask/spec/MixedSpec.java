package io.streamrelay.relaytask.spec;

import java.util.List;

/** What a mixed relay composites: users, layout, background and output encoding. */
public record MixedSpec(List<MixedUser> users, List<Pane> panes, Background background, Encode encode) {

	public MixedSpec {
		users = users == null ? List.of() : List.copyOf(users);
		panes = panes == null ? List.of() : List.copyOf(panes);
	}

}
