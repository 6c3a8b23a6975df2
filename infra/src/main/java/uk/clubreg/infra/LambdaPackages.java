package uk.clubreg.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The three Lambda zips (lib/*.jar each) that Maven builds at the package phase, and the migration scripts the
 * migrations zip carries ({@code db/migrations}).
 */
public record LambdaPackages(Path api, Path worker, Path migrations, Path migrationScripts) {

    static final String BUILD_COMMAND = "./mvnw -q package -DskipTests";

    public LambdaPackages {
        for (Path zip : new Path[] {api, worker, migrations}) {
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Lambda package missing: " + zip
                        + ". Build the packages first, from the repository root: " + BUILD_COMMAND);
            }
        }
        if (!Files.isDirectory(migrationScripts)) {
            throw new IllegalStateException("Migration scripts missing: " + migrationScripts);
        }
    }

    /** The zips under {@code repositoryRoot}, where Maven writes them, and its db/migrations. */
    public static LambdaPackages builtUnder(Path repositoryRoot) {
        Path lambda = repositoryRoot.resolve("lambda");
        return new LambdaPackages(
                lambda.resolve("api/target/api-lambda.zip"),
                lambda.resolve("worker/target/worker-lambda.zip"),
                lambda.resolve("migrations/target/migrations-lambda.zip"),
                repositoryRoot.resolve("db/migrations"));
    }

    /**
     * A short digest of the migration scripts (names and contents): it changes when, and only when, a script is
     * added or edited, whatever else changed in the migrations zip.
     */
    public String migrationScriptsDigest() {
        try (Stream<Path> files = Files.list(migrationScripts)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> scripts = files.filter(Files::isRegularFile).sorted().toList();
            for (Path script : scripts) {
                digest.update(script.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(script));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
