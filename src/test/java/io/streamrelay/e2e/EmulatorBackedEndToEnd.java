package io.streamrelay.e2e;

import io.streamrelay.emulator.EmulatorState;
import io.streamrelay.testing.TestHttp;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the end-to-end tests against the in-process emulator share: the server's port, an
 * emulator reset before each test, and an HTTP client with the development key.
 */
abstract class EmulatorBackedEndToEnd {

	@LocalServerPort
	int port;

	@Autowired
	EmulatorState emulator;

	@BeforeEach
	void resetEmulator() {
		this.emulator.reset();
	}

	TestHttp http() {
		return new TestHttp(this.port, "Bearer srdev-local-emulator-only-do-not-use-in-production");
	}

}
