package uk.clubreg.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** The three Lambda zips (lib/*.jar each) that Maven builds at the package phase. */
public record LambdaPackages(Path api, Path worker, Path migrations) {

    static final String BUILD_COMMAND = "./mvnw -q package -DskipTests";

    public LambdaPackages {
        for (Path zip : new Path[] {api, worker, migrations}) {
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Lambda package missing: " + zip
                        + ". Build the packages first, from the repository root: " + BUILD_COMMAND);
            }
        }
    }

    /** The zips under {@code repositoryRoot}, where Maven writes them. */
    public static LambdaPackages builtUnder(Path repositoryRoot) {
        Path lambda = repositoryRoot.resolve("lambda");
        return new LambdaPackages(
                lambda.resolve("api/target/api-lambda.zip"),
                lambda.resolve("worker/target/worker-lambda.zip"),
                lambda.resolve("migrations/target/migrations-lambda.zip"));
    }
}
