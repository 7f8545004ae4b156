package io.streamrelay;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the arrows of docs/architecture.md: data flows one way and the vendor SDK stays
 * in its adapter.
 */
class ArchitectureTest {

	/**
	 * The core: the task and its lifecycle, the spec and its rules, the ports, the use
	 * cases, reconciliation.
	 */
	static final String[] CORE = { "io.streamrelay.relaytask.task", "io.streamrelay.relaytask.spec",
			"io.streamrelay.relaytask.vendor", "io.streamrelay.relaytask.usecase",
			"io.streamrelay.relaytask.reconciliation", "io.streamrelay.relaytask.events",
			"io.streamrelay.relaytask.relaycheck", "io.streamrelay.relaytask.spec.layout" };

	static JavaClasses main;

	@BeforeAll
	static void importMainClasses() {
		main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.streamrelay");
	}

	@Test
	void coreImportsNoFrameworkNoJdbcNoVendorSdkAndNoAdapter() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "com.aliyuncs..",
					"tools.jackson..", "jakarta..", "io.streamrelay.relaytask.api..",
					"io.streamrelay.relaytask.persistence..", "io.streamrelay.upstream..", "io.streamrelay.emulator..",
					"io.streamrelay.apps..", "io.streamrelay.config..", "io.streamrelay.security..",
					"io.streamrelay.idempotency..", "io.streamrelay.relaytask.scheduling..",
					"io.streamrelay.problems..", "io.streamrelay.logging..", "io.github.resilience4j..",
					"net.javacrumbs.shedlock..");
		rule.check(main);
	}

	@Test
	void noPackageCycles() {
		slices().matching("io.streamrelay.(**)").should().beFreeOfCycles().check(main);
	}

	@Test
	void everyCorePackageIsNamedInTheRuleAbove() {
		assertThat(main.stream()
			.map(JavaClass::getPackageName)
			.filter((name) -> name.startsWith("io.streamrelay.relaytask."))
			.filter((name) -> !name.matches("io\\.streamrelay\\.relaytask\\.(api|persistence|scheduling)"))
			.distinct()).containsExactlyInAnyOrder(CORE);
	}

	@Test
	void onlyTheAliyunAdapterImportsTheVendorSdk() {
		noClasses().that()
			.resideOutsideOfPackage("io.streamrelay.upstream.aliyun..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.aliyuncs..")
			.check(main);
	}

	@Test
	void apiDoesNotReachIntoAdapters() {
		noClasses().that()
			.resideInAPackage("io.streamrelay.relaytask.api..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.streamrelay.relaytask.persistence..", "io.streamrelay.upstream..",
					"io.streamrelay.emulator..")
			.check(main);
	}

	@Test
	void adaptersDoNotDependOnEachOtherOrOnTheApi() {
		noClasses().that()
			.resideInAPackage("io.streamrelay.relaytask.persistence..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.streamrelay.relaytask.api..", "io.streamrelay.upstream..",
					"io.streamrelay.emulator..")
			.check(main);
		noClasses().that()
			.resideInAPackage("io.streamrelay.upstream..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.streamrelay.relaytask.api..", "io.streamrelay.relaytask.persistence..",
					"io.streamrelay.emulator..")
			.check(main);
	}

	@Test
	void emulatorIsAnIndependentFakeVendor() {
		noClasses().that()
			.resideInAPackage("io.streamrelay.emulator..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.streamrelay.relaytask..", "io.streamrelay.upstream..", "io.streamrelay.apps..")
			.check(main);
	}

	@Test
	void loggingRedactionDependsOnNothingOfOurs() {
		noClasses().that()
			.resideInAPackage("io.streamrelay.logging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.streamrelay.relaytask..", "io.streamrelay.security..", "io.streamrelay.upstream..",
					"io.streamrelay.emulator..", "io.streamrelay.idempotency..", "io.streamrelay.apps..")
			.check(main);
	}

	@Test
	void routeResolutionDependsOnNothingOfOurs() {
		noClasses().that()
			.resideInAPackage("io.streamrelay.routes..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.streamrelay.relaytask..", "io.streamrelay.security..",
					"io.streamrelay.idempotency..", "io.streamrelay.upstream..", "io.streamrelay.emulator..",
					"io.streamrelay.apps..", "io.streamrelay.config..", "io.streamrelay.logging..",
					"io.streamrelay.problems..", "io.streamrelay.mputaskid..")
			.check(main);
	}

	@Test
	void redactionIsALeafThatEveryLayerMayUse() {
		classes().that()
			.resideInAPackage("io.streamrelay.redaction..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "io.streamrelay.redaction..")
			.check(main);
	}

	@Test
	void mpuTaskIdFunctionIsPure() {
		classes().that()
			.haveSimpleName("MpuTaskIds")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "org.apache.commons.codec..", "io.streamrelay.mputaskid..")
			.check(main);
	}

	@Test
	void noFieldInjection() {
		noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired").check(main);
	}

}
