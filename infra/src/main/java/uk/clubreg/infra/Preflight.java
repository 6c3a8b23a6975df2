package uk.clubreg.infra;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * infra/preflight.sh: checks an AWS account before {@code cdk deploy -c club=... -c stage=...} (docs/deploy.md,
 * section 5, "Preflight"). It reads, never writes, and never prints a secret's value. Exit 0: ready; 1: a check
 * failed; 2: AWS could not be asked (no credentials, region or network).
 */
public final class Preflight {

    /** The stack reserves no concurrency for any function; PreflightTest compares this with the template. */
    static final int RESERVED_BY_STACK = 0;
    /** Beside the worker's maximum: API requests in a burst of Twilio callbacks, the console, the daily run. */
    static final int API_HEADROOM = 10;
    static final int REQUIRED_UNRESERVED = RESERVED_BY_STACK + RegistrationStack.WORKER_MAX_CONCURRENCY + API_HEADROOM;
    /** The synthesised template's CheckBootstrapVersion rule refuses versions below this (PreflightTest). */
    static final int MIN_BOOTSTRAP_VERSION = 6;
    static final String BOOTSTRAP_VERSION_PARAMETER = "/cdk-bootstrap/hnb659fds/version";

    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final Pattern WHATSAPP_FROM = Pattern.compile("(whatsapp:)?\\+[1-9][0-9]{6,14}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    private final AwsAccount account;
    private final PrintStream out;
    private int failed;
    private int warned;

    Preflight(AwsAccount account, PrintStream out) {
        this.account = account;
        this.out = out;
    }

    public static void main(String[] args) {
        int status;
        try {
            Target target = Target.parse(args);
            try (SdkAwsAccount account = SdkAwsAccount.fromEnvironment()) {
                status = new Preflight(account, System.out).check(target);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("preflight: " + e.getMessage());
            status = 2;
        } catch (AwsAccount.Unreachable e) {
            System.err.println(unreachable(e));
            status = 2;
        }
        System.exit(status);
    }

    static String unreachable(AwsAccount.Unreachable e) {
        return "preflight: stopped, AWS cannot be reached (" + e.getMessage() + "). It needs AWS credentials, a region "
                + "and the network: `aws sts get-caller-identity` must work first (docs/deploy.md, section 1).";
    }

    /** The deployment to check: {@code --club urmston --stage prod}, the same defaults as the CDK app. */
    record Target(String club, StackSettings.Stage stage) {
        static Target parse(String[] args) {
            String club = StackSettings.DEFAULT_CLUB;
            StackSettings.Stage stage = StackSettings.Stage.DEV;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--club" -> club = StackSettings.requireSlug(required(value, "--club"));
                    case "--stage" -> stage = StackSettings.Stage.of(required(value, "--stage"));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (usage: infra/preflight.sh [--club urmston] [--stage dev|prod])");
                }
                i++;
            }
            return new Target(club, stage);
        }

        private static String required(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        String prefix() {
            return StackSettings.configPrefix(club, stage);
        }
    }

    /** Runs every check and prints one line each; the exit status. */
    int check(Target target) {
        out.println("Preflight for " + StackSettings.stackName(target.club(), target.stage()) + " (secrets "
                + target.prefix().substring(1) + "/..., parameters " + target.prefix() + "/...)");
        guarded("Lambda concurrency", this::concurrency);
        guarded("CDK bootstrap", this::bootstrap);
        for (ConfigStore.OperatorSecret secret : ConfigStore.OPERATOR_SECRETS) {
            String name = target.prefix().substring(1) + "/" + secret.suffix();
            guarded("secret " + name, () -> secret(name, secret.keys()));
        }
        for (ConfigStore.Parameter parameter : ConfigStore.WORKER_PARAMETERS) {
            String name = target.prefix() + parameter.path();
            guarded("parameter " + name, () -> parameter(name, parameter));
        }
        out.println(failed == 0 ? "Ready to deploy" + (warned == 0 ? "." : " (" + warned + " warnings).")
                : failed + " check(s) failed: fix them before `cdk deploy` (docs/deploy.md, section 5).");
        return failed == 0 ? 0 : 1;
    }

    /** A check AWS refused to answer (access denied, say) fails; the others still run. */
    private void guarded(String what, Runnable check) {
        try {
            check.run();
        } catch (AwsAccount.Refused e) {
            fail(what + ": AWS refused to answer, " + e.getMessage());
        }
    }

    private void concurrency() {
        AwsAccount.Concurrency concurrency = account.lambdaConcurrency();
        if (concurrency.unreserved() >= REQUIRED_UNRESERVED) {
            ok("Lambda concurrency: " + concurrency.unreserved() + " unreserved of " + concurrency.accountLimit()
                    + " (needs " + REQUIRED_UNRESERVED + ")");
        } else {
            fail("Lambda concurrency: " + concurrency.unreserved() + " unreserved of " + concurrency.accountLimit()
                    + ", needs " + REQUIRED_UNRESERVED + " (the worker's " + RegistrationStack.WORKER_MAX_CONCURRENCY
                    + " and " + API_HEADROOM + " for the API). Ask for more in Service Quotas: AWS Lambda, "
                    + "'Concurrent executions' (L-B99A9384), e.g. 1000; new accounts often start at 10");
        }
    }

    private void bootstrap() {
        Optional<String> version = account.parameter(BOOTSTRAP_VERSION_PARAMETER);
        if (version.isEmpty()) {
            fail("CDK bootstrap: not found (" + BOOTSTRAP_VERSION_PARAMETER + "): run `npx cdk bootstrap` "
                    + "(docs/deploy.md, section 3)");
        } else if (number(version.get()) < MIN_BOOTSTRAP_VERSION) {
            fail("CDK bootstrap: version " + version.get() + ", needs " + MIN_BOOTSTRAP_VERSION
                    + " or newer: run `npx cdk bootstrap` again");
        } else {
            ok("CDK bootstrap: version " + version.get());
        }
    }

    private void secret(String name, List<String> keys) {
        Optional<Map<String, String>> fields = account.secretFields(name);
        if (fields.isEmpty()) {
            fail("secret " + name + ": not found (docs/deploy.md, section 5)");
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (fields.get().getOrDefault(key, "").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            fail("secret " + name + ": no " + String.join(", ", missing) + " (a JSON object with "
                    + String.join(", ", keys) + ")");
            return;
        }
        String accountSid = fields.get().get("TWILIO_ACCOUNT_SID");
        if (accountSid != null && !ACCOUNT_SID.matcher(accountSid).matches()) {
            fail("secret " + name + ": TWILIO_ACCOUNT_SID is not an account SID (AC and 32 hex digits)");
            return;
        }
        List<String> unverified = keys.stream().filter(key -> key.startsWith("DATABASE_"))
                .filter(key -> !fields.get().get(key).contains("sslmode=verify-full")).toList();
        if (!unverified.isEmpty()) {
            warn("secret " + name + ": " + String.join(", ", unverified) + " without sslmode=verify-full: Neon's "
                    + "certificate is not checked (docs/deploy.md, section 4)");
            return;
        }
        ok("secret " + name);
    }

    private void parameter(String name, ConfigStore.Parameter parameter) {
        Optional<String> value = account.parameter(name).filter(text -> !text.isBlank());
        if (value.isEmpty()) {
            if (parameter.required()) {
                fail("parameter " + name + ": not found (docs/deploy.md, section 5)");
            } else {
                out.println("info parameter " + name + ": not set (optional)");
            }
            return;
        }
        if (parameter.name().endsWith("_CONTENT_SID") && !CONTENT_SID.matcher(value.get()).matches()) {
            fail("parameter " + name + ": not a Twilio template SID (HX and 32 hex digits); copy it from the Content "
                    + "Template Builder (docs/deploy.md, section 7)");
        } else if (parameter.name().equals("TWILIO_WHATSAPP_FROM") && !WHATSAPP_FROM.matcher(value.get()).matches()) {
            fail("parameter " + name + ": not a WhatsApp sender such as whatsapp:+447700900123");
        } else {
            ok("parameter " + name);
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void ok(String line) {
        out.println("ok   " + line);
    }

    private void warn(String line) {
        warned++;
        out.println("warn " + line);
    }

    private void fail(String line) {
        failed++;
        out.println("FAIL " + line);
    }
}
