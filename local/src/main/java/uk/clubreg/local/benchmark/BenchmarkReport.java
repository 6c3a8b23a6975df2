package uk.clubreg.local.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What every benchmark section of docs/benchmarks.md states beside its figures (the date, the commit, this
 * machine and its load), the statistics they use, and the rewrite of one marked section.
 */
public final class BenchmarkReport {

    private BenchmarkReport() {}

    /** "2026-11-23, commit abc1234, 2 cores, Linux amd64, Java 25.0.3": the commit comes from the script. */
    public static String provenance() {
        return "%s, commit %s, %d cores, %s %s, Java %s".formatted(LocalDate.now(),
                System.getenv().getOrDefault("BENCHMARK_COMMIT", "unknown"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"));
    }

    /** The 1-minute load average: other processes' CPU use on this shared machine explains much of the spread. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String rounded(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    /** Replaces the {@code <!-- name:start -->…<!-- name:end -->} section of {@code report}, or appends it. */
    public static void writeSection(Path report, String name, String body) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + body.strip() + "\n" + end;
        String existing = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        int from = existing.indexOf(start);
        int to = existing.indexOf(end);
        String updated = from >= 0 && to > from
                ? existing.substring(0, from) + section + existing.substring(to + end.length())
                : existing.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(report, updated);
        System.out.println("Wrote the " + name + " section of " + report);
    }
}
