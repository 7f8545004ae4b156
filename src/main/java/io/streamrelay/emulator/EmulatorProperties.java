package io.streamrelay.emulator;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.streamrelay.redaction.Redaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the in-process MPU emulator, bound from {@code streamrelay.emulator.*};
 * {@code allowRemoteCallers} opens it to hosts other than this one;
 * {@code listIncludesStopped} makes ListRtcMPUTaskDetail keep stopped tasks (the other
 * reading of an undocumented vendor fact); {@code requireJoinedChannels} refuses a start
 * in a channel nobody joined, as the vendor does.
 */
// @EmulatorMode keeps @ConfigurationPropertiesScan from registering it in aliyun mode
@EmulatorMode
@Validated
@ConfigurationProperties("streamrelay.emulator")
record EmulatorProperties(@DefaultValue("LTAIemulatorKey") @NotBlank String accessKeyId,
		@DefaultValue("emulator-secret") @NotBlank String accessKeySecret, @DefaultValue("200") @Min(0) int singleQuota,
		@DefaultValue("40") @Min(0) int mixedQuota, @DefaultValue("10s") @NotNull Duration streamUrlCooldown,
		@DefaultValue("15m") @NotNull Duration timestampSkew, List<FaultRule> faults,
		@DefaultValue("false") boolean allowRemoteCallers, @DefaultValue("false") boolean listIncludesStopped,
		@DefaultValue("false") boolean requireJoinedChannels) {

	/**
	 * Each preset rule validates itself when bound, so a bad one stops the start-up with
	 * the field named.
	 */
	@ConstructorBinding
	EmulatorProperties {
		faults = (faults != null) ? List.copyOf(faults) : List.of();
	}

	EmulatorProperties(String accessKeyId, String accessKeySecret, int singleQuota, int mixedQuota,
			Duration streamUrlCooldown, Duration timestampSkew, List<FaultRule> faults) {
		this(accessKeyId, accessKeySecret, singleQuota, mixedQuota, streamUrlCooldown, timestampSkew, faults, false,
				false, false);
	}

	EmulatorProperties(String accessKeyId, String accessKeySecret, int singleQuota, int mixedQuota,
			Duration streamUrlCooldown, Duration timestampSkew, List<FaultRule> faults, boolean allowRemoteCallers,
			boolean listIncludesStopped) {
		this(accessKeyId, accessKeySecret, singleQuota, mixedQuota, streamUrlCooldown, timestampSkew, faults,
				allowRemoteCallers, listIncludesStopped, false);
	}

	@Override
	public String toString() {
		return "EmulatorProperties[accessKeyId=" + this.accessKeyId + ", accessKeySecret=" + Redaction.MARKER
				+ ", singleQuota=" + this.singleQuota + ", mixedQuota=" + this.mixedQuota + ", streamUrlCooldown="
				+ this.streamUrlCooldown + ", timestampSkew=" + this.timestampSkew + ", faults=" + this.faults
				+ ", allowRemoteCallers=" + this.allowRemoteCallers + ", listIncludesStopped="
				+ this.listIncludesStopped + ", requireJoinedChannels=" + this.requireJoinedChannels + "]";
	}

}
