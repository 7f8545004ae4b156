package io.streamrelay.emulator;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.streamrelay.redaction.Redaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of the in-process MPU emulator, bound from {@code streamrelay.emulator.*}. */
// @EmulatorMode keeps @ConfigurationPropertiesScan from registering it in aliyun mode
@EmulatorMode
@Validated
@ConfigurationProperties("streamrelay.emulator")
record EmulatorProperties(@DefaultValue("LTAIemulatorKey") @NotBlank String accessKeyId,
		@DefaultValue("emulator-secret") @NotBlank String accessKeySecret, @DefaultValue("200") @Min(0) int singleQuota,
		@DefaultValue("40") @Min(0) int mixedQuota, @DefaultValue("10s") @NotNull Duration streamUrlCooldown,
		@DefaultValue("15m") @NotNull Duration timestampSkew, List<FaultRule> faults) {

	/**
	 * Each preset rule validates itself when bound, so a bad one stops the start-up with
	 * the field named.
	 */
	EmulatorProperties {
		faults = (faults != null) ? List.copyOf(faults) : List.of();
	}

	@Override
	public String toString() {
		return "EmulatorProperties[accessKeyId=" + this.accessKeyId + ", accessKeySecret=" + Redaction.MARKER
				+ ", singleQuota=" + this.singleQuota + ", mixedQuota=" + this.mixedQuota + ", streamUrlCooldown="
				+ this.streamUrlCooldown + ", timestampSkew=" + this.timestampSkew + ", faults=" + this.faults + "]";
	}

}
