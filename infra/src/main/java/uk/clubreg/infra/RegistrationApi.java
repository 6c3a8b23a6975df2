package uk.clubreg.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKey;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.ProxyResourceOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The REST API (API keys and usage plans exist only on REST APIs; see docs/decisions/0050-rest-api-not-http-api.md).
 * Manager routes need the API key; Twilio's callbacks carry none and are verified by their signature in the handler;
 * the console's routes carry none either: the handler signs its people in (docs/console.md).
 */
public final class RegistrationApi extends Construct {

    /** The routes whose full URLs are stack outputs: Twilio's two callbacks and the managers' console. */
    static final String WEBHOOK = "webhook";
    static final String STATUS = "status";
    static final String WEBHOOK_FALLBACK = "webhook-fallback";
    /**
     * The fallback post as an SQS SendMessage: the job JobCodec reads ({@code fallback_webhook}), its fields in
     * base64 so no header or body can break the JSON, URL-encoded as SQS's form wants it. The literal parts are the
     * URL-encoded {@code {"type":"fallback_webhook","signature_base64":"}, {@code ","form_base64":"} and {@code "}}.
     */
    static final String FALLBACK_TO_QUEUE = "Action=SendMessage&MessageGroupId=webhook-fallback"
            + "&MessageDeduplicationId=$context.requestId&MessageBody="
            + "%7B%22type%22%3A%22fallback_webhook%22%2C%22signature_base64%22%3A%22"
            + "$util.urlEncode($util.base64Encode($input.params('X-Twilio-Signature')))"
            + "%22%2C%22form_base64%22%3A%22$util.urlEncode($util.base64Encode($input.body))%22%7D";
    static final String CONSOLE = "console";
    static final int RATE_LIMIT_PER_SECOND = 25;
    static final int BURST_LIMIT = 50;
    /** The console's own method throttling: people at a browser, far below what the key's clients send. */
    static final int CONSOLE_RATE_LIMIT_PER_SECOND = 10;
    static final int CONSOLE_BURST_LIMIT = 20;
    /**
     * Twilio's callbacks get method throttling of their own (docs/decisions/0125-twilio-routes-throttled-apart.md):
     * a parent's replies arrive a few a second at most; status callbacks come up to three per message sent
     * (sent, delivered, read), so a squad of 100 invitations brings about 300 within seconds.
     */
    static final int WEBHOOK_RATE_LIMIT_PER_SECOND = 50;
    static final int WEBHOOK_BURST_LIMIT = 100;
    static final int STATUS_RATE_LIMIT_PER_SECOND = 100;
    static final int STATUS_BURST_LIMIT = 300;
    /** The console's JSON routes (docs/console.md), as resources of their own so each is throttled by name. */
    static final List<String> CONSOLE_API_ROUTES = List.of("/console/api/teams",
            "/console/api/teams/{team_id}/players", "/console/api/players/{player_id}");

    private final RestApi api;
    private final String stageName;

    /**
     * @param name             the stack's name, so each club's and stage's API is told apart in the console
     * @param stageName        the API Gateway stage: the deployment's stage, so a dev URL ends in /dev
     * @param apiKeyGeneration bumped to rotate the key: a new logical id makes CloudFormation create a key with the
     *                         secret's current value (a dynamic reference is only re-read when its resource changes)
     */
    public RegistrationApi(Construct scope, String id, String name, String stageName, IFunction handler,
                           IQueue jobs, String apiKeyValue, int apiKeyGeneration, RetentionDays logRetention) {
        super(scope, id);
        this.stageName = stageName;
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        api = RestApi.Builder.create(this, "Api")
                .restApiName(name)
                .description("WhatsApp registration assistant: manager API and Twilio callbacks")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .apiKeySourceType(ApiKeySourceType.HEADER)
                // Execution logging needs the account-wide API Gateway CloudWatch role.
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
                .deployOptions(StageOptions.builder()
                        .stageName(stageName)
                        .throttlingRateLimit(RATE_LIMIT_PER_SECOND)
                        .throttlingBurstLimit(BURST_LIMIT)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(true).build()))
                        // Errors only: INFO would log request bodies, which carry parents' personal data.
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        // Per-method metrics are billed as custom metrics; the API-wide ones are free and alarmed.
                        .metricsEnabled(false)
                        .methodOptions(methodThrottling())
                        .build())
                .build();

        // API Gateway would create this group itself, without retention; creating it first sets the retention.
        LogGroup executionLogs = LogGroup.Builder.create(this, "ExecutionLogs")
                .logGroupName(Fn.join("", List.of("API-Gateway-Execution-Logs_", api.getRestApiId(), "/", stageName)))
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        api.getDeploymentStage().getNode().addDependency(executionLogs);

        LambdaIntegration integration = new LambdaIntegration(handler,
                LambdaIntegrationOptions.builder().allowTestInvoke(false).build());
        MethodOptions withKey = MethodOptions.builder().apiKeyRequired(true).build();
        api.getRoot().addResource("trigger").addMethod("POST", integration, withKey);
        api.getRoot().addResource("registrations").addMethod("GET", integration, withKey);
        // The club's admin routes, for ops and the managers' console: the same key.
        Resource admin = api.getRoot().addResource("admin");
        Resource run = admin.addResource("run");
        run.addResource("chasers").addMethod("POST", integration, withKey);
        run.addResource("daily").addMethod("POST", integration, withKey);
        Resource player = admin.addResource("players").addResource("{player_id}");
        player.addResource("chase").addMethod("POST", integration, withKey);
        // A player's photo, as an export names it: answered with a redirect to a presigned link (decision 0115).
        player.addResource("photo").addMethod("GET", integration, withKey);
        admin.addResource("conversations").addResource("{conversation_id}").addResource("release")
                .addMethod("POST", integration, withKey);
        admin.addResource("audit").addMethod("GET", integration, withKey);
        Resource parent = admin.addResource("parents").addResource("{tel}");
        parent.addMethod("DELETE", integration, withKey);
        parent.addResource("export").addMethod("GET", integration, withKey);
        // The managers' console: signed in by the handler (a code over WhatsApp, a session cookie), no API key.
        Resource console = api.getRoot().addResource(CONSOLE);
        console.addMethod("GET", integration);
        console.addProxy(ProxyResourceOptions.builder().anyMethod(true).defaultIntegration(integration).build());
        for (String route : CONSOLE_API_ROUTES) {
            api.getRoot().resourceForPath(route).addMethod("GET", integration);
        }
        // The API's description (OpenAPI 3.1), public like any API reference.
        api.getRoot().addResource("openapi.json").addMethod("GET", integration);
        api.getRoot().addResource(WEBHOOK).addMethod("POST", integration);
        api.getRoot().addResource(STATUS).addMethod("POST", integration);
        fallbackToQueue(jobs);

        UsagePlan plan = api.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                .name(name + "-managers")
                .throttle(ThrottleSettings.builder().rateLimit(RATE_LIMIT_PER_SECOND).burstLimit(BURST_LIMIT).build())
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()))
                .build());
        plan.addApiKey(ApiKey.Builder.create(this, "ManagerKey" + apiKeyGeneration)
                .description("Team managers' key; its value is the generated API key secret")
                .value(apiKeyValue)
                .build());

        NagSuppressions.addResourceSuppressions(api, List.of(
                NagPackSuppression.builder().id("AwsSolutions-APIG2")
                        .reason("Bodies are validated in the handler: Twilio posts form-encoded callbacks whose "
                                + "signature covers every field, and the JSON routes are parsed strictly.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-APIG4")
                        .reason("Manager routes require the API key (usage plan) and the handler checks it too; "
                                + "Twilio cannot send IAM or Cognito credentials, so its callbacks are verified "
                                + "by X-Twilio-Signature in the handler; the console signs people in itself "
                                + "(a code over WhatsApp, a server-side session; docs/console.md).")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-COG4")
                        .reason("No end-user accounts: managers use an API key or the console's passwordless "
                                + "sign-in, and Twilio signs its callbacks.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM4")
                        .reason("The CDK-made API Gateway account role uses AWS's documented policy for pushing "
                                + "execution logs to CloudWatch; our functions' roles have no managed policies.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs"))
                        .build()), true);
    }

    /**
     * Twilio's Fallback URL, posted to when /webhook fails (a database outage, a throttle, a timeout): API Gateway
     * puts the signed post on the work queue itself, touching neither the Lambda nor PostgreSQL, and the worker
     * stores it once the database answers (docs/decisions/0105-webhook-fallback.md). A post without Twilio's
     * signature header is refused here; the signature itself is checked by the worker.
     */
    private void fallbackToQueue(IQueue jobs) {
        Role sends = Role.Builder.create(this, "FallbackToQueue")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("API Gateway puts Twilio's fallback posts on the work queue")
                .build();
        jobs.grantSendMessages(sends);
        AwsIntegration toQueue = AwsIntegration.Builder.create()
                .service("sqs")
                .path(Aws.ACCOUNT_ID + "/" + jobs.getQueueName())
                .integrationHttpMethod("POST")
                .options(IntegrationOptions.builder()
                        .credentialsRole(sends)
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        .requestParameters(Map.of("integration.request.header.Content-Type",
                                "'application/x-www-form-urlencoded'"))
                        .requestTemplates(Map.of("application/x-www-form-urlencoded", FALLBACK_TO_QUEUE))
                        .integrationResponses(List.of(IntegrationResponse.builder()
                                .statusCode("200")
                                .responseParameters(Map.of("method.response.header.Content-Type", "'text/xml'"))
                                .responseTemplates(Map.of("application/json", "<Response/>"))
                                .build()))
                        .build())
                .build();
        RequestValidator signed = api.addRequestValidator("FallbackSigned", RequestValidatorOptions.builder()
                .validateRequestParameters(true)
                .build());
        api.getRoot().addResource(WEBHOOK_FALLBACK).addMethod("POST", toQueue, MethodOptions.builder()
                .requestValidator(signed)
                .requestParameters(Map.of("method.request.header.X-Twilio-Signature", true))
                .methodResponses(List.of(MethodResponse.builder()
                        .statusCode("200")
                        .responseParameters(Map.of("method.response.header.Content-Type", true))
                        .build()))
                .build());
    }

    /**
     * Routes without a key, which no usage plan limits, throttled route by route: the console's people at a
     * browser, and Twilio's two callbacks with headroom over their peaks.
     */
    private static Map<String, MethodDeploymentOptions> methodThrottling() {
        Map<String, MethodDeploymentOptions> options = new LinkedHashMap<>();
        MethodDeploymentOptions console = throttle(CONSOLE_RATE_LIMIT_PER_SECOND, CONSOLE_BURST_LIMIT);
        options.put("/console/GET", console);
        options.put("/console/{proxy+}/*", console);
        CONSOLE_API_ROUTES.forEach(route -> options.put(route + "/GET", console));
        options.put("/" + WEBHOOK + "/POST", throttle(WEBHOOK_RATE_LIMIT_PER_SECOND, WEBHOOK_BURST_LIMIT));
        options.put("/" + STATUS + "/POST", throttle(STATUS_RATE_LIMIT_PER_SECOND, STATUS_BURST_LIMIT));
        return options;
    }

    private static MethodDeploymentOptions throttle(int ratePerSecond, int burst) {
        return MethodDeploymentOptions.builder()
                .throttlingRateLimit(ratePerSecond)
                .throttlingBurstLimit(burst)
                .loggingLevel(MethodLoggingLevel.ERROR)
                .dataTraceEnabled(false)
                .metricsEnabled(false)
                .build();
    }

    public RestApi api() {
        return api;
    }

    /**
     * The stage's public URL, built from the API id rather than the stage resource so the function can carry it
     * without a dependency cycle (the stage depends on the function through its integration).
     */
    public String stageUrl() {
        return Fn.join("", List.of("https://", api.getRestApiId(), ".execute-api.", Aws.REGION, ".", Aws.URL_SUFFIX,
                "/", stageName));
    }
}
