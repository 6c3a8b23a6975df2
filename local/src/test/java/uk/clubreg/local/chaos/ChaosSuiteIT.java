package uk.clubreg.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The chaos suite's short run in every verify (docs/reliability.md): 20 parents × 5 messages through each fault
 * once. The full run is testing/chaos/run.sh.
 */
class ChaosSuiteIT {

    @Test
    void noMessageIsLostDuplicatedOrSentAfterAStopWhateverFails() throws Exception {
        ChaosRun.Report report = ChaosRun.run(ChaosRun.Scale.SHORT, System.out);
        System.out.print(report.text());

        assertThat(report.invariants()).as(report.text()).hasSize(7).allMatch(ChaosRun.Invariant::holds);
    }
}
