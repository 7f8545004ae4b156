package io.streamrelay.upstream.aliyun;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WireValuesTest {

	@ParameterizedTest
	@CsvSource({ "0.5, 0.5", "1.0, 1", "0.0, 0", "0.2456, 0.2456", "0.1, 0.1", "0.3333333333333333, 0.3333333333333333",
			"1.0E-7, 0.0000001", "10, 10" })
	void writesDecimalsWithoutTrailingZerosAndRoundTrips(double value, String expected) {
		String text = WireValues.decimal(value);

		assertThat(text).isEqualTo(expected);
		assertThat(Double.parseDouble(text)).isEqualTo(value);
	}

}
