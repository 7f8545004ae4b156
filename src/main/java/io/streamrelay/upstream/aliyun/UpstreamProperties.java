package io.streamrelay.upstream.aliyun;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.streamrelay.redaction.Redaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the service calls the vendor ({@code streamrelay.upstream.*}); the
 * AccessKey pair normally comes from {@code ALIBABA_CLOUD_ACCESS_KEY_ID} /
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET}, see {@link UpstreamCredentials}.
 *
 * @param mode {@code emulator} (default: the in-process emulator on the service's own
 * port) or {@code aliyun}
 * @param endpoint vendor host[:port] in aliyun mode (default {@code live.aliyuncs.com});
 * ignored by the emulator
 * @param regionId the RegionId the SDK signs (default {@code cn-shanghai})
 * @param protocol HTTPS (default) or HTTP in aliyun mode; the emulator is always called
 * over HTTP
 * @param connectTimeout default 3s
 * @param readTimeout default 10s
 * @param accessKeyId overrides the environment's AccessKey id in aliyun mode
 * @param accessKeySecret overrides the environment's AccessKey secret in aliyun mode
 * @param listKeepsStopped whether the vendor's ListRtcMPUTaskDetail may keep stopped
 * tasks (not documented either way, docs/aliyun-mpu-api.md §9); when it may, being listed
 * proves nothing about a task running. Default: in emulator mode what the emulator does
 * ({@code streamrelay.emulator.list-includes-stopped}), in aliyun mode true (the cautious
 * reading)
 */
@Validated
@ConfigurationProperties("streamrelay.upstream")
public record UpstreamProperties(@NotNull Mode mode, @NotBlank String endpoint, @NotBlank String regionId,
		@NotNull Protocol protocol, @NotNull Duration connectTimeout, @NotNull Duration readTimeout, String accessKeyId,
		String accessKeySecret, Boolean listKeepsStopped) {

	@ConstructorBinding
	public UpstreamProperties {
		mode = mode == null ? Mode.EMULATOR : mode;
		endpoint = endpoint == null ? "live.aliyuncs.com" : endpoint;
		regionId = regionId == null ? "cn-shanghai" : regionId;
		protocol = protocol == null ? Protocol.HTTPS : protocol;
		connectTimeout = positive(connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout, "connect-timeout");
		readTimeout = positive(readTimeout == null ? Duration.ofSeconds(10) : readTimeout, "read-timeout");
	}

	public UpstreamProperties(Mode mode, String endpoint, String regionId, Protocol protocol, Duration connectTimeout,
			Duration readTimeout, String accessKeyId, String accessKeySecret) {
		this(mode, endpoint, regionId, protocol, connectTimeout, readTimeout, accessKeyId, accessKeySecret, null);
	}

	/** Which server the SDK talks to. */
	public enum Mode {

		EMULATOR, ALIYUN

	}

	/** Transport of the vendor calls. */
	public enum Protocol {

		HTTP, HTTPS

	}

	private static Duration positive(Duration value, String name) {
		// The SDK takes int milliseconds; zero would mean "wait forever" to the HTTP
		// client.
		if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("streamrelay.upstream." + name + " must be positive, got " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		return "UpstreamProperties[mode=" + mode + ", endpoint=" + endpoint + ", regionId=" + regionId + ", protocol="
				+ protocol + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", accessKeyId="
				+ accessKeyId + ", accessKeySecret=" + (accessKeySecret == null ? "unset" : Redaction.MARKER)
				+ ", listKeepsStopped=" + listKeepsStopped + "]";
	}

}
