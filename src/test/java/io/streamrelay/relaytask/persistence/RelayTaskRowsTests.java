package io.streamrelay.relaytask.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayTaskRowsTests {

	@Test
	void leavesShortTextAlone() {
		assertThat(RelayTaskRows.bounded("InvalidParam", 128)).isEqualTo("InvalidParam");
		assertThat(RelayTaskRows.bounded(null, 128)).isNull();
	}

	@Test
	void cutsLongTextToTheColumnSize() {
		assertThat(RelayTaskRows.bounded("x".repeat(5000), RelayTaskRows.MAX_TEXT)).hasSize(RelayTaskRows.MAX_TEXT);
	}

	@Test
	void neverSplitsASurrogatePair() {
		String text = "a".repeat(9) + "\uD83D\uDE00" + "b";

		assertThat(RelayTaskRows.bounded(text, 10)).isEqualTo("a".repeat(9));
	}

	@Test
	void dropsNulCharactersPostgresqlWouldReject() {
		assertThat(RelayTaskRows.bounded("bad\u0000byte", 128)).isEqualTo("badbyte");
	}

	@Test
	void writesInstantsAsUtcTruncatedToMicroseconds() {
		Object value = RelayTaskRows.timestamp(Instant.parse("2024-05-01T10:15:30.123456789Z")).getValue();

		assertThat(value).isEqualTo(OffsetDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000, ZoneOffset.UTC));
	}

	@Test
	void writesMissingInstantAsNull() {
		assertThat(RelayTaskRows.timestamp(null).getValue()).isNull();
	}

}
