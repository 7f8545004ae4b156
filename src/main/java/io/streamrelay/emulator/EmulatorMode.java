package io.streamrelay.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks emulator beans that exist only when {@code streamrelay.upstream.mode} is
 * {@code emulator} (the default).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnProperty(name = "streamrelay.upstream.mode", havingValue = "emulator", matchIfMissing = true)
@interface EmulatorMode {

}
