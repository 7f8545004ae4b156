package io.streamrelay.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import io.streamrelay.redaction.Redaction;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * The {@code %wEx} stack traces of log lines, with secrets scrubbed (exception messages
 * may quote URLs).
 */
public class RedactingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy proxy) {
		return Redaction.text(super.throwableProxyToString(proxy));
	}

}
