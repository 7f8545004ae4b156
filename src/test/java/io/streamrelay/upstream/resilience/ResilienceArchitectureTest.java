package io.streamrelay.upstream.resilience;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class ResilienceArchitectureTest {

	@Test
	void decoratorKnowsOnlyTheCorePortAndResilience4j() {
		classes().that()
			.resideInAPackage("io.streamrelay.upstream.resilience..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "io.github.resilience4j..", "io.streamrelay.relaytask.vendor",
					"io.streamrelay.relaytask.spec", "io.streamrelay.upstream.resilience..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("io.streamrelay.upstream.resilience"));
	}

}
