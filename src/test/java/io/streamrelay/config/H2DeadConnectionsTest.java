package io.streamrelay.config;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class H2DeadConnectionsTest {

	final H2DeadConnections override = new H2DeadConnections();

	@ParameterizedTest
	@ValueSource(strings = { "90098", "90121", "90007", "90067", "90028", "90031", "90030" })
	void aClosedH2DatabaseOrStoreFailureEvictsTheConnection(String state) {
		assertThat(this.override.adjudicate(new SQLException("h2", state, Integer.parseInt(state))))
			.isEqualTo(Override.MUST_EVICT);
	}

	@Test
	void h2sGeneralErrorEvictsOnlyWhenTheFileStoreFailedUnderIt() {
		// as H2 reported the out-of-direct-memory failure of the bench
		SQLException storeFailed = new SQLException("General error: \"org.h2.mvstore.MVStoreException: "
				+ "java.lang.OutOfMemoryError: Cannot reserve 2277376 bytes of direct buffer memory\" [50000-240]",
				"50000", 50000);
		SQLException storeFailedAsCause = new SQLException("General error", "50000", 50000,
				DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing failed"));
		SQLException otherBug = new SQLException("General error: \"java.lang.NullPointerException\" [50000-240]",
				"50000", 50000, new NullPointerException());

		assertThat(this.override.adjudicate(storeFailed)).isEqualTo(Override.MUST_EVICT);
		assertThat(this.override.adjudicate(storeFailedAsCause)).isEqualTo(Override.MUST_EVICT);
		assertThat(this.override.adjudicate(otherBug)).isEqualTo(Override.CONTINUE_EVICT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "23505", "42S02", "40001", "08006", "57P01", "HYT00" })
	void otherStatesAreLeftToTheJudgementOfThePool(String state) {
		assertThat(this.override.adjudicate(new SQLException("other", state))).isEqualTo(Override.CONTINUE_EVICT);
	}

	@Test
	void aStateWithoutAValueOrOnlyInALaterChainedExceptionIsLookedAtToo() {
		assertThat(this.override.adjudicate(new SQLException("no state"))).isEqualTo(Override.CONTINUE_EVICT);
		SQLException batch = new SQLException("batch failed", "23505");
		batch.setNextException(new SQLException("closed", "90098"));
		assertThat(this.override.adjudicate(batch)).isEqualTo(Override.MUST_EVICT);
	}

}
