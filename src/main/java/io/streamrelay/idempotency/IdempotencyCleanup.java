package io.streamrelay.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes expired idempotency keys in bounded batches, so that no statement holds many
 * row locks for long. Every replica runs it; the deletes are conditional, so overlapping
 * runs are harmless.
 */
class IdempotencyCleanup {

	/** Bounds one run; what is left waits for the next run. */
	static final int MAX_BATCHES_PER_RUN = 100;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

	private final IdempotencyKeys keys;

	private final IdempotencyProperties properties;

	IdempotencyCleanup(IdempotencyKeys keys, IdempotencyProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${streamrelay.idempotency.cleanup-interval:PT10M}",
			fixedDelayString = "${streamrelay.idempotency.cleanup-interval:PT10M}")
	void scheduled() {
		try {
			int deleted = run();
			if (deleted > 0) {
				log.info("Deleted {} expired idempotency keys", deleted);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Cleanup of expired idempotency keys failed; retried next run", ex);
		}
	}

	/**
	 * Deletes expired keys batch by batch until a batch comes back short; returns how
	 * many were deleted.
	 */
	int run() {
		int batch = this.properties.cleanupBatchSize();
		int total = 0;
		for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
			int deleted = this.keys.deleteExpired(batch);
			total += deleted;
			if (deleted < batch) {
				break;
			}
		}
		return total;
	}

}
