package io.streamrelay.events;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RepeatingTest {

	@Test
	void stopLetsARunningPassFinishWithoutInterruptingItAndReturnsOnlyAfterIt() throws Exception {
		Repeating repeating = new Repeating("test-repeating");
		BlockedPass pass = BlockedPass.runningOn(repeating);
		AtomicBoolean finished = pass.finished;

		AtomicBoolean finishedWhenStopReturned = new AtomicBoolean();
		Thread stopper = new Thread(() -> {
			repeating.stop();
			finishedWhenStopReturned.set(finished.get());
		});
		stopper.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> !repeating.isRunning());
		pass.release.countDown();
		stopper.join(TimeUnit.SECONDS.toMillis(20));

		assertThat(stopper.isAlive()).isFalse();
		assertThat(finishedWhenStopReturned).isTrue();
		assertThat(pass.interrupted).isFalse();
	}

	@Test
	void workScheduledForLaterIsDroppedAtStopAndWorkHandedInAfterIsIgnored() throws Exception {
		Repeating repeating = new Repeating("test-repeating");
		AtomicInteger runs = new AtomicInteger();
		repeating.later(Duration.ofHours(1), runs::incrementAndGet);
		repeating.every(Duration.ofHours(1), Duration.ofHours(1), runs::incrementAndGet);

		repeating.stop();
		repeating.now(runs::incrementAndGet);
		repeating.later(Duration.ZERO, runs::incrementAndGet);

		assertThat(repeating.isRunning()).isFalse();
		assertThat(runs).hasValue(0);
		// dropped, not waited for until the stop gave up and interrupted
		assertThat(repeating.forcedStop()).isFalse();
	}

	@Test
	void theAsynchronousStopWaitsForTheRunningPassOnItsOwnThreadThenCallsBack() throws Exception {
		Repeating repeating = new Repeating("test-repeating");
		BlockedPass pass = BlockedPass.runningOn(repeating);
		AtomicBoolean finished = pass.finished;
		CountDownLatch calledBack = new CountDownLatch(1);
		AtomicBoolean finishedWhenCalledBack = new AtomicBoolean();

		repeating.stop(() -> {
			finishedWhenCalledBack.set(finished.get());
			calledBack.countDown();
		});
		// the caller is not held: no more work is taken, and the callback waits for the
		// pass
		assertThat(repeating.isRunning()).isFalse();
		assertThat(calledBack.getCount()).isEqualTo(1);
		pass.release.countDown();

		assertThat(calledBack.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(finishedWhenCalledBack).isTrue();
		assertThat(repeating.forcedStop()).isFalse();
	}

	@Test
	void workHandedInRunsOnItsOwnNamedDaemonThread() throws Exception {
		Repeating repeating = new Repeating("test-repeating");
		CountDownLatch ran = new CountDownLatch(1);
		AtomicBoolean onOwnDaemonThread = new AtomicBoolean();
		repeating.now(() -> {
			onOwnDaemonThread
				.set(Thread.currentThread().getName().equals("test-repeating") && Thread.currentThread().isDaemon());
			ran.countDown();
		});
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		repeating.close();
		assertThat(onOwnDaemonThread).isTrue();
	}

	/**
	 * A pass running on the thread, held until {@code release}; it notes how it ended.
	 */
	private static final class BlockedPass {

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicBoolean interrupted = new AtomicBoolean();

		final AtomicBoolean finished = new AtomicBoolean();

		static BlockedPass runningOn(Repeating repeating) throws InterruptedException {
			BlockedPass pass = new BlockedPass();
			CountDownLatch started = new CountDownLatch(1);
			repeating.now(() -> {
				started.countDown();
				try {
					pass.release.await();
				}
				catch (InterruptedException ex) {
					pass.interrupted.set(true);
				}
				pass.finished.set(true);
			});
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			return pass;
		}

	}

}
