package io.streamrelay.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactingConvertersTest {

	final LoggerContext context = new LoggerContext();

	@Test
	void messagesAreWrittenWithTheirSecretsHidden() {
		LoggingEvent event = event("pushing to {} with {}", null, "rtmp://live.example.com/SECRETKEY",
				"auth_key%253D1-0-0-SECRET");
		RedactingMessageConverter converter = new RedactingMessageConverter();

		assertThat(converter.convert(event))
			.isEqualTo("pushing to rtmp://live.example.com/**** with auth_key%253D****");
	}

	@Test
	void stackTracesAreWrittenWithTheSecretsOfTheirMessagesHidden() {
		Exception failure = new IllegalStateException("relay failed",
				new IllegalArgumentException("bad StreamURL rtmp%3A%2F%2Fcdn.example.net%2Fapp%2FSECRETKEY"));
		RedactingThrowableConverter converter = new RedactingThrowableConverter();
		converter.setContext(this.context);
		converter.start();

		String written = converter.convert(event("failed", failure));

		assertThat(written).contains("relay failed", "rtmp%3A%2F%2Fcdn.example.net%2Fapp%2F****", "at ")
			.doesNotContain("SECRET");
	}

	private LoggingEvent event(String message, Throwable failure, Object... arguments) {
		return new LoggingEvent(getClass().getName(), this.context.getLogger("test"), Level.WARN, message, failure,
				arguments);
	}

}
