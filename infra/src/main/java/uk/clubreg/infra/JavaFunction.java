package uk.clubreg.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A java25 function from a lib/*.jar zip, with its own role (nothing but its log group until granted more), its own
 * log group (retention set, JSON format) and, when SnapStart is on, a {@code live} alias on the published version:
 * SnapStart only applies to published versions, so every caller must go through {@link #invokable()}. Published
 * versions are retained, for rolling back.
 */
public final class JavaFunction extends Construct {

    /** C1 only: the best start-up for short Lambda invocations; the snapshot keeps the primed C1 code. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    public record Spec(
            String description,
            Path zip,
            String handler,
            int memoryMb,
            Duration timeout,
            boolean snapStart,
            Map<String, String> environment,
            RetentionDays logRetention) {}

    private final Role role;
    private final Function function;
    private final IFunction invokable;

    public JavaFunction(Construct scope, String id, Spec spec) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(spec.description() + ": execution role")
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(spec.logRetention())
                // Logs may hold masked personal data: they go with the stack.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);

        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        Function.Builder builder = Function.Builder.create(this, "Function")
                .description(spec.description())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(spec.zip().toString()))
                .handler(spec.handler())
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .environment(environment);
        if (spec.snapStart()) {
            // Old versions stay when a deploy publishes a new one, so the live alias can be pointed back at one
            // (docs/deploy.md, "Rolling back"; docs/decisions/0057-rollback-to-a-retained-version.md).
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .currentVersionOptions(VersionOptions.builder().removalPolicy(RemovalPolicy.RETAIN).build());
        }
        function = builder.build();
        if (spec.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Invoked only through the live alias on the current published version");
        }
        invokable = spec.snapStart()
                ? Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build()
                : function;
    }

    /** Sets {@code NAME_SECRET_ARN} and grants read access to that one secret. */
    public void readsSecret(ConfigStore.SecretSetting setting) {
        function.addEnvironment(setting.name() + "_SECRET_ARN", setting.secret().getSecretArn());
        setting.secret().grantRead(role);
    }

    /** Grants read access to that one parameter (the code finds it through CONFIG_SSM_PREFIX). */
    public void readsParameter(ConfigStore.ParameterSetting setting) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ssm:GetParameter"))
                .resources(List.of(setting.parameterArn()))
                .build());
    }

    public Role role() {
        return role;
    }

    public Function function() {
        return function;
    }

    /** What event sources, integrations and schedules invoke: the {@code live} alias under SnapStart. */
    public IFunction invokable() {
        return invokable;
    }
}
