package io.streamrelay.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.streamrelay.redaction.Redaction;

/** The {@code %m} of every log line, with secrets scrubbed (see logback-spring.xml). */
public class RedactingMessageConverter extends MessageConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return Redaction.text(super.convert(event));
	}

}
