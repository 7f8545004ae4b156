package io.streamrelay.upstream.resilience;

/**
 * The vendor operations the gateway guards, each with its own retry and rate-limiter
 * instance ({@code vendor-start}, ...); the default rates are the documented per-account
 * QPS (docs/aliyun-mpu-api.md §0).
 */
enum VendorOperation {

	START("vendor-start", 500), UPDATE("vendor-update", 500), STOP("vendor-stop", 500), DESCRIBE("vendor-describe", 50),
	SEI("vendor-sei", 50);

	private final String instanceName;

	private final int defaultCallsPerSecond;

	VendorOperation(String instanceName, int defaultCallsPerSecond) {
		this.instanceName = instanceName;
		this.defaultCallsPerSecond = defaultCallsPerSecond;
	}

	/**
	 * The name of this operation's {@code resilience4j.retry} and
	 * {@code resilience4j.ratelimiter} instances.
	 */
	String instanceName() {
		return this.instanceName;
	}

	int defaultCallsPerSecond() {
		return this.defaultCallsPerSecond;
	}

}
