package io.streamrelay.robustness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The server hostile requests go to, on a random port with the emulator: shared by the
 * tests that send them, so that they share one application context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1",
				"streamrelay.reconciler.enabled=false", "streamrelay.emulator.stream-url-cooldown=0s",
				"streamrelay.security.requests-per-second-per-key=100000",
				// small, so that a body that stalls is given up soon
				"streamrelay.security.body-read-timeout=" + HostileServer.BODY_READ_TIMEOUT,
				"streamrelay.apps.other-app.streaming-domain=play.other.example",
				"streamrelay.security.api-keys[0].name=corpus-reader",
				"streamrelay.security.api-keys[0].sha256=" + HostileServer.READER_SHA256,
				"streamrelay.security.api-keys[0].apps[0]=demo-app", "streamrelay.security.api-keys[0].role=READ",
				"streamrelay.security.api-keys[1].name=corpus-other",
				"streamrelay.security.api-keys[1].sha256=" + HostileServer.OTHER_SHA256,
				"streamrelay.security.api-keys[1].apps[0]=other-app", "streamrelay.security.api-keys[1].role=WRITE" })
@interface HostileServer {

	String BODY_READ_TIMEOUT = "1s";

	/** A read-only key of demo-app. */
	String READER = "sr-corpus-reader-0000000000000000";

	String READER_SHA256 = "327f91427bd77b57114da4f74b6aedb431a0eebb93d73974c8f695e4040391e1";

	/** A write key of other-app. */
	String OTHER = "sr-corpus-other-1111111111111111";

	String OTHER_SHA256 = "61b1889f9087c56c90180c052acafd863cfd42daacfaa9513e135b5216bb29ed";

}
