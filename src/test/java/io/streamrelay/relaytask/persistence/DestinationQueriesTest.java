package io.streamrelay.relaytask.persistence;

import io.streamrelay.relaytask.task.DestinationAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What narrows the rows a destination check reads: the stream's path when the stored spec
 * holds it as written, else the host (the Java comparison of addresses decides either
 * way; see DestinationGuardTest and JdbcRelayTasksTests for the answers).
 */
class DestinationQueriesTest {

	@Test
	void narrowsByTheStreamPath() {
		assertThat(DestinationQueries.narrowing(
				DestinationAddress.of("rtmp://Push.Example.com/live/demo-app_room1_alice_camera?auth_key=1-0-0-abc")))
			.isEqualTo("/live/demo-app_room1_alice_camera");
		assertThat(DestinationQueries.narrowing(DestinationAddress.of("rtmp://push.example.com:1936/live/x/?k=secret")))
			.isEqualTo("/live/x");
	}

	@Test
	void fallsBackToTheHostWhenThePathIsNotPlainText() {
		// percent-encoded, or no path at all: the stored text may differ, so only the
		// host narrows
		assertThat(DestinationQueries.narrowing(DestinationAddress.of("rtmp://push.example.com/live/a%20b")))
			.isEqualTo("push.example.com");
		assertThat(DestinationQueries.narrowing(DestinationAddress.of("rtmp://push.example.com/")))
			.isEqualTo("push.example.com");
		assertThat(DestinationQueries.narrowing(DestinationAddress.of("rtmp://rtmp/live/s"))).isEqualTo("/live/s");
	}

	@Test
	void anAddressJavaCannotParseIsMatchedAsWritten() {
		assertThat(DestinationQueries.narrowing("not a url")).isEqualTo("not a url");
	}

}
