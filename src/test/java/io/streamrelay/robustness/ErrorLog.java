package io.streamrelay.robustness;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** Collects the ERROR lines of every logger while a test watches. */
final class ErrorLog {

	private static final String NAME = "error-log";

	private static final Collector COLLECTOR = new Collector();

	private ErrorLog() {
	}

	/**
	 * Watches from now on and forgets what was seen; again after Boot has reset the
	 * logging system (it does so when a context starts).
	 */
	static void restart() {
		if (root().getAppender(NAME) == null) {
			COLLECTOR.setName(NAME);
			COLLECTOR.start();
			root().addAppender(COLLECTOR);
		}
		COLLECTOR.events.clear();
	}

	static void stop() {
		root().detachAppender(COLLECTOR);
		COLLECTOR.stop();
	}

	static List<String> errors() {
		return COLLECTOR.events.stream().toList();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static final class Collector extends AppenderBase<ILoggingEvent> {

		final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
				this.events.add(event.getLoggerName() + ": " + event.getFormattedMessage());
			}
		}

	}

}
