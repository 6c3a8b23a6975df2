package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.clubreg.testsupport.TestPostgres;

/**
 * What the first /trigger after a SnapStart restore still loads that the priming did not: a fresh JVM
 * ({@link FirstTriggerAfterPriming}) logs its class loading (-Xlog:class+load), and everything loaded after the
 * priming is listed here. A class that joins the first request's path without being primed fails this test: prime
 * it in {@link ApiFunction#prime}, or add it below with the reason.
 */
class SnapStartPrimingCoverageIT {

    /**
     * The first /trigger's own values and the write path's records: the priming writes nothing (SnapStartHooks), so
     * they load with the first write; PgJDBC's readers of the numbers a write returns; the types the request's
     * switches name. Each is a small class, loaded from the snapshot's already-open jars.
     */
    private static final Set<String> NOT_PRIMED = Set.of(
            "uk.clubreg.invitations.Invitation", "uk.clubreg.invitations.Invitation$Parent",
            "uk.clubreg.invitations.Invitation$Player", "uk.clubreg.invitations.Invitation$Team",
            "uk.clubreg.invitations.InvitationParser$Invalid", "uk.clubreg.invitations.InvitationResult",
            "uk.clubreg.invitations.InvitationService$Saved", "uk.clubreg.outbox.Outbox$Pending",
            "uk.clubreg.parents.Parent", "uk.clubreg.players.InvitationKind", "uk.clubreg.players.InvitedPlayer",
            "uk.clubreg.players.PlayerRepository$NewPlayer", "uk.clubreg.players.RegistrationStatus",
            "uk.clubreg.conversations.ConversationRepository$LiveConversation",
            "uk.clubreg.persistence.Jdbc$RowMapper", "uk.clubreg.persistence.Jdbc$SqlArray",
            "uk.clubreg.persistence.Jdbc$Typed",
            "org.postgresql.util.ByteConverter$PositiveShorts", "org.postgresql.util.ByteStreamWriter",
            "org.postgresql.util.NumberParser", "org.postgresql.util.NumberParser$1",
            "org.postgresql.util.StreamWrapper");

    @Test
    void theFirstTriggerAfterPrimingLoadsOnlyWhatPrimingCannotTouch() throws Exception {
        List<String> output = run(TestPostgres.freshDatabaseUrl());
        assertThat(output).as("the first request's answer").contains("status 201");

        Set<String> loadedAfterPriming = new TreeSet<>();
        boolean primed = false;
        for (String line : output) {
            if (line.equals(FirstTriggerAfterPriming.PRIMED)) {
                primed = true;
            } else if (primed && line.contains(" source: ")) {
                String logged = line.substring(0, line.indexOf(" source: "));
                String name = logged.substring(logged.lastIndexOf("] ") + 2);
                if (!jdkOrGenerated(name)) {
                    loadedAfterPriming.add(name);
                }
            }
        }
        assertThat(primed).as("the priming finished").isTrue();
        assertThat(loadedAfterPriming).as("loaded by the first /trigger after the priming")
                .containsExactlyInAnyOrderElementsOf(NOT_PRIMED);
    }

    /** The JDK's own classes differ between its versions; lambdas and switches are generated, not loaded. */
    private static boolean jdkOrGenerated(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.contains("$$");
    }

    private static List<String> run(String databaseUrl) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), FirstTriggerAfterPriming.class.getName(), databaseUrl)
                .redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
