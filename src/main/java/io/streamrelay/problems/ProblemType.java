package io.streamrelay.problems;

import java.net.URI;
import java.util.Objects;

/**
 * One kind of problem this service answers: a stable type URI (base plus slug), the
 * status it is answered with, and a constant title.
 */
public record ProblemType(int status, String slug, String title) {

	/** Every problem type of this service is this base plus a slug. */
	public static final String BASE = "https://streamrelay.io/problems/";

	public ProblemType {
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(title, "title");
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
		}
	}

	/**
	 * The same type answered with another status (a refusal whose status its source
	 * decides).
	 */
	public ProblemType withStatus(int otherStatus) {
		return new ProblemType(otherStatus, this.slug, this.title);
	}

	public URI type() {
		return URI.create(BASE + this.slug);
	}

}
