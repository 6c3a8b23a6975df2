package uk.clubreg.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule against a fixture system that breaks it, and all of them against one that breaks none. The fixtures are
 * test classes, which the real check leaves out, so they are imported here by package.
 */
class ArchitectureRulesFailWhenBrokenTest {

    private static final String FIXTURES = "uk.clubreg.architecture.fixtures";

    static Stream<Named<ArchRule>> everyRule() {
        return ArchitectureRules.all(FIXTURES + ".good").entrySet().stream()
                .map(rule -> Named.of(rule.getKey(), rule.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void aWellFormedSystemPassesTheRule(ArchRule rule) {
        JavaClasses good = fixture("good");

        assertThatCode(() -> rule.check(good)).doesNotThrowAnyException();
    }

    @Test
    void classesNestedInARepositoryMayUseJdbcAsTheRepositoryDoes() {
        String repository = FIXTURES + ".good.players.PlayerRepository";
        JavaClasses good = fixture("good");

        for (String nested : List.of(repository + "$1", repository + "$Row")) {
            assertThat(good.get(nested).getDirectDependenciesFromSelf())
                    .as("%s uses JDBC", nested)
                    .anyMatch(dependency -> dependency.getTargetClass().getPackageName().equals("java.sql"));
        }
        assertThatCode(() -> ArchitectureRules.jdbcStaysInPersistenceAndRepositories(FIXTURES + ".good").check(good))
                .doesNotThrowAnyException();
    }

    @Test
    void messagingCallingUpIntoTheAssistantBreaksTheLayers() {
        String base = FIXTURES + ".upward";

        assertViolation(ArchitectureRules.layers(base).withOptionalLayers(true), fixture("upward"),
                base + ".messaging.Messaging", base + ".assistant.Assistant");
    }

    @Test
    void aPackageInNoLayerBreaksTheLayers() {
        String base = FIXTURES + ".unplaced";

        assertViolation(ArchitectureRules.layers(base).withOptionalLayers(true), fixture("unplaced"),
                base + ".conversation.Conversation");
    }

    @Test
    void anEmptyLayerBreaksTheLayersSoAMistypedPackageCannotPassUnchecked() {
        String base = FIXTURES + ".upward";

        assertViolation(ArchitectureRules.layers(base), fixture("upward"), "Kernel");
    }

    @Test
    void twoKernelPackagesUsingEachOtherAreACycleThoughTheyShareALayer() {
        String base = FIXTURES + ".cycle";
        JavaClasses classes = fixture("cycle");

        assertThatCode(() -> ArchitectureRules.layers(base).withOptionalLayers(true).check(classes))
                .doesNotThrowAnyException();
        assertViolation(ArchitectureRules.noCycles(base), classes, base + ".config.Config", base + ".logging.Log");
    }

    @Test
    void oneUseCaseCallingAnotherBreaksTheirIndependence() {
        String base = FIXTURES + ".peers";

        assertViolation(ArchitectureRules.useCasesAreIndependent(base), fixture("peers"),
                base + ".invitations.InvitationService", base + ".registrations.TeamRegistrations");
    }

    @Test
    void oneAggregateHoldingAnothersRecordBreaksTheirIndependence() {
        String base = FIXTURES + ".aggregates";

        assertViolation(ArchitectureRules.aggregatesAreIndependent(base), fixture("aggregates"),
                base + ".players.Player", base + ".conversations.Conversation");
    }

    @Test
    void theApiHandlerCallingTheWorkerBreaksTheLambdaHandlersIndependence() {
        String base = FIXTURES + ".handlers";

        assertViolation(ArchitectureRules.lambdaHandlersAreIndependent(base), fixture("handlers"),
                base + ".api.ApiHandler", base + ".worker.WorkerHandler");
    }

    @Test
    void aUseCaseOrAnotherAdapterUsingAnAdapterBreaksTheAdapterRule() {
        String base = FIXTURES + ".adapter";

        assertViolation(ArchitectureRules.adaptersAreUsedOnlyByTheCompositionRootAndEntryPoints(base),
                fixture("adapter"),
                base + ".invitations.InvitationService", base + ".jobs.sqs.SqsJobQueue",
                base + ".messaging.twilio.TwilioWhatsAppGateway");
    }

    @Test
    void twilioAndSqsTypesOutsideTheirAdaptersBreakTheVendorRule() {
        String base = FIXTURES + ".vendor";

        assertViolation(ArchitectureRules.vendorTypesStayInAdaptersAndEntryPoints(base), fixture("vendor"),
                base + ".messaging.Messaging", "com.twilio.type.PhoneNumber",
                base + ".jobs.JobQueue", "software.amazon.awssdk.services.sqs.SqsClient");
    }

    @Test
    void jdbcOutsideARepositoryBreaksTheJdbcRule() {
        String base = FIXTURES + ".sql";

        assertViolation(ArchitectureRules.jdbcStaysInPersistenceAndRepositories(base), fixture("sql"),
                base + ".invitations.InvitationService", "java.sql.Connection",
                base + ".players.PlayerRepositoryHelper", "java.sql.ResultSet");
    }

    private static JavaClasses fixture(String name) {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + name);
        assertThat(classes).as("fixture classes of %s", name).isNotEmpty();
        return classes;
    }

    private static void assertViolation(ArchRule rule, JavaClasses classes, String... named) {
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(named);
    }
}
