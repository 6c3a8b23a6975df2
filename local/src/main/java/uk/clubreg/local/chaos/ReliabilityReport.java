package uk.clubreg.local.chaos;

import java.util.stream.Collectors;
import uk.clubreg.local.benchmark.BenchmarkReport;

/** The chaos run's section of docs/reliability.md: the command, the faults, the traffic and each invariant's figure. */
final class ReliabilityReport {

    private ReliabilityReport() {}

    static String section(ChaosRun.Report report) {
        ChaosRun.Scale scale = report.scale();
        return """
                ### The %s run

                Reproduce: `testing/chaos/run.sh %s`. Measured %s; took %d s; load %s.

                Faults, in the order they came (seconds from the start):
                %s

                Traffic:
                %s

                | Invariant | Figure | |
                |---|---|---|
                %s
                """.formatted(scale.name(), scale.name(), BenchmarkReport.provenance(), report.took().toSeconds(),
                report.load(),
                report.faults().stream().map(f -> "- " + f).collect(Collectors.joining("\n")),
                report.traffic().stream().map(t -> "- " + t).collect(Collectors.joining("\n")),
                report.invariants().stream().map(i -> "| %s | %s | %s |".formatted(i.name(), i.figure(),
                        i.holds() ? "holds" : "**broken**")).collect(Collectors.joining("\n")));
    }
}
