package io.streamrelay.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs callers that all wait behind one start gate, so that they really race; results in
 * caller order.
 */
public final class Concurrently {

	private Concurrently() {
	}

	public static <T> List<T> run(int callers, IntFunction<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		CountDownLatch gate = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				int caller = i;
				futures.add(pool.submit(() -> {
					gate.await();
					return call.apply(caller);
				}));
			}
			gate.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
