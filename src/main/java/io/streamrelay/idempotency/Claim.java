package io.streamrelay.idempotency;

/** What happened when a request tried to claim its idempotency key. */
sealed interface Claim {

	/**
	 * This request holds the key and must execute; {@code owner} proves it when storing
	 * the outcome.
	 */
	record Acquired(String owner, boolean tookOver) implements Claim {
	}

	/** The key completed earlier for the same request: replay this. */
	record Replay(StoredResponse response) implements Claim {
	}

	/** Another request with the same key is executing now. */
	record InFlight() implements Claim {
	}

	/** The key was used for a different request (method, path or body differ). */
	record Mismatch() implements Claim {
	}

}
