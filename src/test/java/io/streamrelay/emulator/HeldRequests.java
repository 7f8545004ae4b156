package io.streamrelay.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault pacing that holds every request with a latency fault until the test releases
 * it, and signals each arrival and settlement, so that tests order events by latches
 * instead of sleeping.
 */
public final class HeldRequests implements FaultPacing {

	// generous bounds that only a broken behaviour reaches; they never pace a passing
	// test
	private static final long WAIT_SECONDS = 30;

	private final CountDownLatch released = new CountDownLatch(1);

	private final Semaphore arrivals = new Semaphore(0);

	private final Semaphore settlements = new Semaphore(0);

	private final List<Long> latencies = new CopyOnWriteArrayList<>();

	@Override
	public void delay(FaultRule rule) throws InterruptedException {
		this.latencies.add(rule.latencyMs());
		this.arrivals.release();
		// bounded, so that a failed test does not park a server thread for ever
		this.released.await(2 * WAIT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void settled(FaultRule rule) {
		this.settlements.release();
	}

	/** Waits until this many more requests are held (or were, if already released). */
	public void awaitArrivals(int count) throws InterruptedException {
		assertThat(this.arrivals.tryAcquire(count, WAIT_SECONDS, TimeUnit.SECONDS))
			.as("%d request(s) reached the held latency fault", count)
			.isTrue();
	}

	/** Lets every held request, and every later one, go on. */
	public void release() {
		this.released.countDown();
	}

	/** Waits until this many more faulted requests have been dealt with. */
	public void awaitSettled(int count) throws InterruptedException {
		assertThat(this.settlements.tryAcquire(count, WAIT_SECONDS, TimeUnit.SECONDS))
			.as("%d faulted request(s) settled", count)
			.isTrue();
	}

	/** The latency of every request that reached the fault, in arrival order. */
	public List<Long> latencies() {
		return List.copyOf(this.latencies);
	}

}
