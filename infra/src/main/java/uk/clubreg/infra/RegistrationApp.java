package uk.clubreg.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app that {@code cdk.json} runs: one stack per synth, the club and stage from {@code -c club=... -c stage=...}
 * (docs/decisions/0058-a-stack-per-club-and-stage.md), checked by cdk-nag's AwsSolutions pack on every synth.
 */
public final class RegistrationApp {

    private RegistrationApp() {}

    public static void main(String[] args) {
        App app = new App();
        build(app, LambdaPackages.builtUnder(repositoryRoot()));
        app.synth();
    }

    /** Adds the stack and the cdk-nag checks to {@code app}; the tests build the same way. */
    public static RegistrationStack build(App app, LambdaPackages packages) {
        StackSettings settings = StackSettings.fromContext(app.getNode());
        RegistrationStack stack = new RegistrationStack(app, settings.stackName(), StackProps.builder()
                .stackName(settings.stackName())
                .description("WhatsApp registration assistant (" + settings.clubName() + ", " + settings.stage().id() + ")")
                .terminationProtection(settings.stage().terminationProtection())
                // Stack tags: CloudFormation puts them on every resource that takes tags, also on those the CDK
                // cannot tag in the template.
                .tags(settings.tags())
                .build(), settings, packages);
        // And in the template, on every resource the CDK can tag.
        settings.tags().forEach((key, value) -> Tags.of(stack).add(key, value));
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        return stack;
    }

    /** The directory holding cdk.json: the CDK CLI runs the app from there, Maven may run it from infra/. */
    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("cdk.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cdk.json not found above " + directory + "; run the app from the repository");
    }
}
