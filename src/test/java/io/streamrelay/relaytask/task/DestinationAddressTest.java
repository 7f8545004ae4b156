package io.streamrelay.relaytask.task;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationAddressTest {

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource(delimiter = ' ', value = {
			"rtmp://push.example.com/live/s1?auth_key=1-0-0-aaa rtmp://push.example.com/live/s1?auth_key=2-0-0-bbb",
			"RTMP://Push.Example.COM/live/s1 rtmp://push.example.com/live/s1",
			"rtmp://push.example.com:1935/live/s1 rtmp://push.example.com/live/s1",
			"rtmps://push.example.com:443/live/s1 rtmps://push.example.com/live/s1",
			"rtmp://push.example.com/live/s1/ rtmp://push.example.com/live/s1",
			"rtmp://user:pass@push.example.com/live/s1 rtmp://push.example.com/live/s1",
			"rtmp://push.example.com/live/s1#x rtmp://push.example.com/live/s1",
			"rtmp://push.example.com/live?b=2&a=1 rtmp://push.example.com/live?a=1&b=2",
			"rtmp://push.example.com/live?key=k1&auth_key=1 rtmp://push.example.com/live?AUTH_KEY=2&key=k1" })
	void namesTheSameStream(String one, String other) {
		assertThat(DestinationAddress.of(one)).isEqualTo(DestinationAddress.of(other));
	}

	@ParameterizedTest(name = "{0} != {1}")
	@CsvSource(delimiter = ' ',
			value = { "rtmp://push.example.com/live/s1 rtmp://push.example.com/live/S1",
					"rtmp://push.example.com/live/s1 rtmp://push.example.com/live/s2",
					"rtmp://push.example.com/live/s1 rtmp://push.example.com/Live/s1",
					"rtmp://push.example.com:1936/live/s1 rtmp://push.example.com/live/s1",
					"rtmp://push.example.com/live/s1 rtmps://push.example.com/live/s1",
					"rtmp://push.example.com/live?key=one rtmp://push.example.com/live?key=two",
					"rtmp://push.example.com/live/s1 rtmp://push2.example.com/live/s1" })
	void namesAnotherStream(String one, String other) {
		assertThat(DestinationAddress.of(one)).isNotEqualTo(DestinationAddress.of(other));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = ' ',
			value = { "rtmp://push.example.com/live/s1 push.example.com",
					"rtmp://push.example.com:1936/live/s1 push.example.com",
					"rtmp://push.example.com?k=1 push.example.com", "not-a-url ''" })
	void findsTheHostOfAnAddress(String url, String host) {
		assertThat(DestinationAddress.host(DestinationAddress.of(url))).isEqualTo(host);
	}

}
