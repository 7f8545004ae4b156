package io.streamrelay.config;

import java.util.List;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Leaves the service's own beans (the relay-task feature, idempotency, the vendor
 * adapter, the apps, the core wiring) out of the component scan of a standalone emulator;
 * settings records stay, since the shared security layer reads the upstream mode.
 */
final class ServiceBeansExcluded extends TypeExcludeFilter {

	static final List<String> SERVICE_PACKAGES = List.of("io.streamrelay.relaytask.", "io.streamrelay.idempotency.",
			"io.streamrelay.upstream.", "io.streamrelay.mputaskid.", "io.streamrelay.apps.", "io.streamrelay.events.",
			"io.streamrelay.relaycheck.");

	static final List<String> SERVICE_CLASSES = List.of(CoreConfiguration.class.getName(),
			TimingBudgetConfiguration.class.getName());

	@Override
	public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
		if (reader.getAnnotationMetadata().hasAnnotation(ConfigurationProperties.class.getName())) {
			return false;
		}
		String name = reader.getClassMetadata().getClassName();
		return SERVICE_CLASSES.contains(name) || SERVICE_PACKAGES.stream().anyMatch(name::startsWith);
	}

	@Override
	public boolean equals(Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
