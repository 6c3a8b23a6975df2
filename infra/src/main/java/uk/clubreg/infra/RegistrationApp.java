package uk.clubreg.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** The CDK app that {@code cdk.json} runs: one stack, checked by cdk-nag's AwsSolutions pack on every synth. */
public final class RegistrationApp {

    public static final String STACK_NAME = "ClubRegistration";

    private RegistrationApp() {}

    public static void main(String[] args) {
        App app = new App();
        build(app, LambdaPackages.builtUnder(repositoryRoot()));
        app.synth();
    }

    /** Adds the stack and the cdk-nag checks to {@code app}; the tests build the same way. */
    public static RegistrationStack build(App app, LambdaPackages packages) {
        RegistrationStack stack = new RegistrationStack(app, STACK_NAME,
                StackProps.builder().description("WhatsApp registration assistant (Urmston Town Juniors FC)").build(),
                StackSettings.fromContext(app.getNode()), packages);
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
