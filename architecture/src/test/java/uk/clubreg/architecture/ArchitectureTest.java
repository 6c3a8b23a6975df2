package uk.clubreg.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule on the production classes of every module (the CDK app is not on this classpath). Plain JUnit rather
 * than ArchUnit's {@code @ArchTest} fields, so that each rule is one named test in the reports.
 */
class ArchitectureTest {

    static final String BASE = "uk.clubreg";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    static Stream<Named<ArchRule>> everyRule() {
        return ArchitectureRules.all(BASE).entrySet().stream().map(rule -> Named.of(rule.getKey(), rule.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void theProductionCodeKeepsTheRule(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void everyModuleIsCheckedAndNoTestCodeIs() {
        List<String> packages = production.stream().map(JavaClass::getPackageName).distinct().toList();

        assertThat(packages).contains(BASE + ".persistence", BASE + ".api", BASE + ".worker",
                BASE + ".migrations", BASE + ".local");
        assertThat(packages).noneMatch(name -> name.startsWith(BASE + ".architecture"));
    }
}
