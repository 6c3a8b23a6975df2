package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The API function's zip, as this build packaged it, stays at most 30 MB unzipped: Lambda unpacks the zip, so the
 * jars' sizes are what it loads from (docs/benchmarks.md, "Package sizes"). The enforcer rule in this module's pom
 * keeps the known heavy libraries out; this catches the next one.
 */
class ApiPackageSizeIT {

    private static final long LIMIT_BYTES = 30_000_000;
    private static final Path ZIP = Path.of("target", "api-lambda.zip");

    @Test
    void theApiPackageIsAtMostThirtyMegabytesUnzipped() throws IOException {
        assertThat(ZIP).as("the package phase builds the zip before the integration tests").exists();
        long unzipped = 0;
        List<ZipEntry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                unzipped += entry.getSize();
                entries.add(entry);
            }
        }
        List<String> largest = entries.stream().sorted(Comparator.comparingLong(ZipEntry::getSize).reversed()).limit(5)
                .map(entry -> entry.getName() + " " + entry.getSize()).toList();
        assertThat(unzipped).as("unzipped bytes of %s; largest: %s", ZIP, largest).isLessThanOrEqualTo(LIMIT_BYTES);
        assertThat(Files.size(ZIP)).isPositive();
    }
}
