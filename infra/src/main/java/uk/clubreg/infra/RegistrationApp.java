package uk.clubreg.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** The CDK app. The stack is filled in by the CDK issue; it compiles and synthesises meanwhile. */
public final class RegistrationApp {
    public static void main(String[] args) {
        App app = new App();
        new Stack(app, "ClubRegistration");
        app.synth();
    }
}
