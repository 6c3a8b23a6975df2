package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class RegistrationStackTest {

    private static Template template;
    private static TemplateQueries queries;

    @BeforeAll
    static void synthesise() {
        template = SynthesisedStack.template(SynthesisedStack.build(Map.of("stage", "prod")));
        queries = new TemplateQueries(template);
    }

    // --- API -------------------------------------------------------------------------------------------------

    @Test
    void theApiIsARestApiNotAnHttpApi() {
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 0);
    }

    @Test
    void twilioFallbackPostsGoStraightToTheWorkQueueWithoutTheLambdaOrAKey() {
        Map<String, Object> fallback = method("webhook-fallback", "POST");

        assertThat(fallback.get("ApiKeyRequired")).isNotEqualTo(true);
        assertThat(fallback.get("RequestParameters")).isEqualTo(Map.of("method.request.header.X-Twilio-Signature", true));
        @SuppressWarnings("unchecked")
        Map<String, Object> integration = (Map<String, Object>) fallback.get("Integration");
        assertThat(integration).containsEntry("Type", "AWS").containsEntry("PassthroughBehavior", "NEVER");
        assertThat(String.valueOf(integration.get("Uri"))).contains(":sqs:path/");
        assertThat(integration.get("RequestTemplates")).isEqualTo(Map.of("application/x-www-form-urlencoded",
                RegistrationApi.FALLBACK_TO_QUEUE));
        assertThat(queries.policiesOfRole("RestApiFallbackToQueue")).contains("sqs:SendMessage")
                .doesNotContain("sqs:ReceiveMessage", "secretsmanager", "lambda:InvokeFunction");
    }

    @Test
    void theFallbackMessageIsTheJobTheWorkerReads() {
        String template = RegistrationApi.FALLBACK_TO_QUEUE;
        String body = template.substring(template.indexOf("MessageBody=") + "MessageBody=".length())
                .replace("$util.urlEncode($util.base64Encode($input.params('X-Twilio-Signature')))", "SIGNATURE")
                .replace("$util.urlEncode($util.base64Encode($input.body))", "FORM");

        // As JobCodecTest reads it (core's JobCodec.FALLBACK_WEBHOOK).
        assertThat(URLDecoder.decode(body, StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"fallback_webhook\",\"signature_base64\":\"SIGNATURE\",\"form_base64\":\"FORM\"}");
        assertThat(template).startsWith("Action=SendMessage&MessageGroupId=webhook-fallback&")
                .contains("MessageDeduplicationId=$context.requestId&");
    }

    @Test
    void triggerAndRegistrationsRequireTheApiKey() {
        assertThat(method("trigger", "POST").get("ApiKeyRequired")).isEqualTo(true);
        assertThat(method("registrations", "GET").get("ApiKeyRequired")).isEqualTo(true);
    }

    @Test
    void twilioCallbacksTakeNoApiKey() {
        assertThat(method("webhook", "POST").get("ApiKeyRequired")).isNotEqualTo(true);
        assertThat(method("status", "POST").get("ApiKeyRequired")).isNotEqualTo(true);
    }

    @Test
    void theManagersAndAdminRoutesTakeTheApiKey() {
        template.resourcePropertiesCountIs("AWS::ApiGateway::Method", Map.of("ApiKeyRequired", true), 10);
        template.resourcePropertiesCountIs("AWS::ApiGateway::Resource", Map.of("PathPart", "{conversation_id}"), 1);
        // The admin route's and the console API's.
        template.resourcePropertiesCountIs("AWS::ApiGateway::Resource", Map.of("PathPart", "{player_id}"), 2);
    }

    @Test
    void theConsoleTakesNoApiKeyAndHasItsOwnThrottling() {
        String console = template.findResources("AWS::ApiGateway::Resource",
                Map.of("Properties", Map.of("PathPart", "console"))).keySet().iterator().next();
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "GET",
                "ResourceId", Map.of("Ref", console), "ApiKeyRequired", Match.absent()));
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "ANY",
                "ApiKeyRequired", Match.absent()));
        template.resourcePropertiesCountIs("AWS::ApiGateway::Resource", Map.of("PathPart", "{proxy+}"), 1);
        for (String route : RegistrationApi.CONSOLE_API_ROUTES) {
            String id = queries.logicalId("AWS::ApiGateway::Method", "RestApi" + route.replaceAll("[^A-Za-z0-9]", "") + "GET");
            assertThat(queries.properties(id)).containsEntry("HttpMethod", "GET").doesNotContainKey("ApiKeyRequired");
        }
        List<String> throttled = new ArrayList<>(List.of("/console", "/console/{proxy+}"));
        throttled.addAll(RegistrationApi.CONSOLE_API_ROUTES);
        for (String path : throttled) {
            template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings",
                    Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "ResourcePath", "/" + path.replace("/", "~1"),
                            "ThrottlingRateLimit", RegistrationApi.CONSOLE_RATE_LIMIT_PER_SECOND,
                            "ThrottlingBurstLimit", RegistrationApi.CONSOLE_BURST_LIMIT))))));
        }
    }

    @Test
    void twilioCallbacksAreThrottledApartFromEachOtherAndWithHeadroomOverTheStageDefault() {
        Map<String, List<Integer>> limits = Map.of(
                "/webhook", List.of(RegistrationApi.WEBHOOK_RATE_LIMIT_PER_SECOND, RegistrationApi.WEBHOOK_BURST_LIMIT),
                "/status", List.of(RegistrationApi.STATUS_RATE_LIMIT_PER_SECOND, RegistrationApi.STATUS_BURST_LIMIT));
        limits.forEach((path, limit) -> {
            template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of("MethodSettings",
                    Match.arrayWith(List.of(Match.objectLike(Map.of("ResourcePath", "/" + path.replace("/", "~1"),
                            "HttpMethod", "POST", "ThrottlingRateLimit", limit.get(0),
                            "ThrottlingBurstLimit", limit.get(1)))))));
            assertThat(limit.get(0)).isGreaterThan(RegistrationApi.RATE_LIMIT_PER_SECOND);
            assertThat(limit.get(1)).isGreaterThan(RegistrationApi.BURST_LIMIT);
        });
    }

    @Test
    void theOutputsAreTheFullUrlsTwilioAndTheManagersNeed() {
        String restApi = queries.logicalId("AWS::ApiGateway::RestApi", "RestApi");
        for (Map.Entry<String, String> output : Map.of("ApiUrl", "/prod", "WebhookUrl", "/prod/webhook",
                "StatusCallbackUrl", "/prod/status", "FallbackUrl", "/prod/webhook-fallback", "ConsoleUrl", "/prod/console")
                .entrySet()) {
            template.hasOutput(output.getKey(), Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                    "https://", Map.of("Ref", restApi), ".execute-api.", Map.of("Ref", "AWS::Region"), ".",
                    Map.of("Ref", "AWS::URLSuffix"), output.getValue())))));
        }
    }

    @Test
    void onlyTheNineteenProductionRoutesAreDeployed() {
        template.resourceCountIs("AWS::ApiGateway::Method", 19);
        template.resourcePropertiesCountIs("AWS::ApiGateway::Resource",
                Map.of("PathPart", Match.stringLikeRegexp("simulator.*")), 0);
    }

    @Test
    void usagePlanThrottlesAt25PerSecondWithBurst50() {
        template.hasResourceProperties("AWS::ApiGateway::UsagePlan",
                Map.of("Throttle", Map.of("RateLimit", 25, "BurstLimit", 50)));
    }

    @Test
    void usagePlanHasAnApiKey() {
        template.resourceCountIs("AWS::ApiGateway::ApiKey", 1);
        template.hasResourceProperties("AWS::ApiGateway::UsagePlanKey", Map.of("KeyType", "API_KEY"));
    }

    @Test
    void apiKeyValueIsADynamicReferenceToTheApiKeySecret() {
        String apiKeyId = queries.logicalId("AWS::ApiGateway::ApiKey", "RestApiManagerKey1");
        String secretId = queries.logicalId("AWS::SecretsManager::Secret", "ConfigApiKey");

        assertThat(String.valueOf(queries.properties(apiKeyId).get("Value")))
                .contains("{{resolve:secretsmanager:", "Ref=" + secretId, ":SecretString:API_KEY::}}");
    }

    @Test
    void stageThrottlesAndLogsAccess() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "prod",
                "AccessLogSetting", Map.of("DestinationArn", Match.anyValue(), "Format", Match.anyValue()),
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*",
                        "ResourcePath", "/*",
                        "ThrottlingRateLimit", 25,
                        "ThrottlingBurstLimit", 50,
                        "LoggingLevel", "ERROR",
                        "DataTraceEnabled", false,
                        "MetricsEnabled", false))))));
    }

    @Test
    void apiGatewayInvokesTheApiFunctionThroughItsAlias() {
        String aliasId = queries.logicalId("AWS::Lambda::Alias", "ApiFunctionLive");

        assertThat(String.valueOf(method("trigger", "POST").get("Integration"))).contains("Ref=" + aliasId);
    }

    // --- Functions ------------------------------------------------------------------------------------------

    @Test
    void apiAndWorkerRunJava25WithSnapStartOnPublishedVersions() {
        for (String handler : List.of(RegistrationStack.API_HANDLER, RegistrationStack.WORKER_HANDLER)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Handler", handler,
                    "Runtime", "java25",
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        }
    }

    @Test
    void apiAndWorkerHaveLiveAliasesOnTheirCurrentVersions() {
        template.resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", "live"), 2);
        template.resourceCountIs("AWS::Lambda::Version", 3);
    }

    @Test
    void theApiAndWorkerVersionsAreRetainedSoTheLiveAliasCanBePointedBack() {
        for (String function : List.of("ApiFunction", "WorkerFunction")) {
            assertThat(queries.resource(queries.logicalId("AWS::Lambda::Version", function + "CurrentVersion")))
                    .as(function).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        }
        template.hasOutput("ApiFunctionName", Map.of("Value", Map.of("Ref",
                queries.logicalId("AWS::Lambda::Function", "ApiFunction"))));
        template.hasOutput("WorkerFunctionName", Map.of("Value", Map.of("Ref",
                queries.logicalId("AWS::Lambda::Function", "WorkerFunction"))));
    }

    @Test
    void memoryAndTimeoutsAreTheDocumentedOnes() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", RegistrationStack.API_HANDLER, "MemorySize", 1024, "Timeout", 10));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", RegistrationStack.WORKER_HANDLER, "MemorySize", 1024, "Timeout", 90));
    }

    @Test
    void everyApplicationFunctionRunsJava25() {
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("Runtime", "java25"), 5);
    }

    @Test
    void apiFunctionsAreBuiltFromTheApiPackageAndTheWorkerFromItsOwn() {
        String apiCode = String.valueOf(queries.properties(queries.logicalId("AWS::Lambda::Function", "ApiFunction")).get("Code"));
        String sweeperCode = String.valueOf(queries.properties(queries.logicalId("AWS::Lambda::Function", "OutboxSweeperFunction")).get("Code"));
        String dailyCode = String.valueOf(queries.properties(queries.logicalId("AWS::Lambda::Function", "DailyRunFunction")).get("Code"));
        String workerCode = String.valueOf(queries.properties(queries.logicalId("AWS::Lambda::Function", "WorkerFunction")).get("Code"));

        assertThat(sweeperCode).isEqualTo(apiCode);
        assertThat(dailyCode).isEqualTo(apiCode);
        assertThat(workerCode).isNotEqualTo(apiCode);
    }

    @Test
    void functionsLogJsonToLogGroupsWithRetention() {
        template.resourcePropertiesCountIs("AWS::Lambda::Function",
                Map.of("Runtime", "java25", "LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", Match.anyValue())), 5);
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void everyLogGroupIsCreatedByTheStackSoItHasRetention() {
        // Five functions, the API's access and execution logs, and the migration Trigger's provider function.
        template.resourceCountIs("AWS::Logs::LogGroup", 8);
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", Map.of("Fn::Join",
                List.of("", List.of("API-Gateway-Execution-Logs_", Map.of("Ref", queries.logicalId("AWS::ApiGateway::RestApi", "RestApi")), "/prod")))));
    }

    @Test
    void theTriggerProviderLogGroupExistsBeforeTheTriggerRuns() {
        String logs = queries.logicalId("AWS::Logs::LogGroup", "MigrateBeforeUpdateProviderLogs");

        assertThat(queries.dependsOn(queries.logicalId("Custom::Trigger", "MigrateBeforeUpdate"))).contains(logs);
    }

    @Test
    void functionsGetTheSettingsTheyRead() {
        assertThat(queries.environmentOf("ApiFunction")).containsKeys("DATABASE_URL_SECRET_ARN", "API_KEY_SECRET_ARN",
                "TWILIO_ACCOUNT_SID_SECRET_ARN", "TWILIO_AUTH_TOKEN_SECRET_ARN", "QUEUE_URL", "PUBLIC_BASE_URL",
                "CONFIG_SSM_PREFIX", "CLUB_NAME", "CURRENT_SEASON", "DEFAULT_PHONE_REGION", "JAVA_TOOL_OPTIONS");
        assertThat(queries.environmentOf("WorkerFunction")).containsKeys("DATABASE_URL_SECRET_ARN",
                "TWILIO_ACCOUNT_SID_SECRET_ARN", "TWILIO_AUTH_TOKEN_SECRET_ARN", "OPENAI_API_KEY_SECRET_ARN",
                "QUEUE_URL", "PUBLIC_BASE_URL", "CONFIG_SSM_PREFIX");
        assertThat(queries.environmentOf("MigrationFunction"))
                .containsKeys("DATABASE_DIRECT_URL_SECRET_ARN", "DATABASE_URL_SECRET_ARN");
    }

    @Test
    void publicBaseUrlIsTheStageUrlByDefault() {
        assertThat(String.valueOf(queries.environmentOf("ApiFunction").get("PUBLIC_BASE_URL")))
                .contains("https://", ".execute-api.", "/prod");
    }

    // --- Least privilege ------------------------------------------------------------------------------------

    @Test
    void apiFunctionReadsTheDatabaseApiKeyAndTwilioSecretsAndTheClubAdminsOnly() {
        String policies = queries.policiesOfRole("ApiFunctionRole");

        assertThat(policies).contains("secret:urmston/prod/database-??????", "secret:urmston/prod/twilio-??????",
                "Ref=" + queries.logicalId("AWS::SecretsManager::Secret", "ConfigApiKey"), detailsKey(),
                "parameter/urmston/prod/club/admin-tels");
        assertThat(policies).doesNotContain("secret:urmston/prod/openai", "ssm:GetParametersByPath");
        assertThat(policies.split("ssm:GetParameter", -1)).hasSize(2);
    }

    @Test
    void apiFunctionMaySendToTheQueueButNotConsume() {
        String policies = queries.policiesOfRole("ApiFunctionRole");

        assertThat(policies).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage");
    }

    @Test
    void workerReadsOpenAiAndTwilioSecretsButNotTheApiKey() {
        String policies = queries.policiesOfRole("WorkerFunctionRole");

        assertThat(policies).contains("secret:urmston/prod/database-??????", "secret:urmston/prod/twilio-??????",
                "secret:urmston/prod/openai-??????", detailsKey());
        assertThat(policies).doesNotContain("Ref=" + queries.logicalId("AWS::SecretsManager::Secret", "ConfigApiKey"));
    }

    @Test
    void workerReadsExactlyItsElevenParametersAndThreeTemplatesInEachOtherLanguage() {
        String policies = queries.policiesOfRole("WorkerFunctionRole");

        assertThat(policies).contains("parameter/urmston/prod/twilio/whatsapp-from",
                "parameter/urmston/prod/twilio/invite-content-sid", "parameter/urmston/prod/twilio/existing-content-sid",
                "parameter/urmston/prod/twilio/follow-up-content-sid", "parameter/urmston/prod/twilio/quick-reply-content-sid",
                "parameter/urmston/prod/twilio/reminder-content-sid", "parameter/urmston/prod/twilio/manager-notice-content-sid",
                "parameter/urmston/prod/twilio/login-content-sid", "parameter/urmston/prod/club/admin-tels", "parameter/urmston/prod/club/notify-manager-on-complete",
                "parameter/urmston/prod/openai/model", "parameter/urmston/prod/twilio/reminder-content-sid-pl",
                "parameter/urmston/prod/twilio/follow-up-content-sid-ur",
                "parameter/urmston/prod/twilio/existing-content-sid-ro");
        // One statement (the minimizePolicies feature flag merges them) naming exactly these eleven, and the
        // existing-registration, follow-up and reminder templates in pl, ur, ar and ro (the club's default is en).
        assertThat(policies.split(":parameter/", -1)).hasSize(12 + 3 * 4);
        assertThat(policies).doesNotContain("content-sid-en");
        assertThat(policies).doesNotContain("ssm:GetParametersByPath", "parameter/urmston/prod/*");
    }

    @Test
    void workerConsumesTheQueueAndQueuesTheNoticesItsTurnsCause() {
        String policies = queries.policiesOfRole("WorkerFunctionRole");

        assertThat(policies).contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage");
    }

    @Test
    void sweeperReadsOnlyTheDatabaseSecretAndSendsToTheQueue() {
        String policies = queries.policiesOfRole("OutboxSweeperFunctionRole");

        assertThat(policies).contains("secret:urmston/prod/database-??????", "sqs:SendMessage");
        assertThat(policies).doesNotContain("secret:urmston/prod/twilio", "secret:urmston/prod/openai", "ssm:", "ConfigApiKey",
                "ConfigDetailsKey");
    }

    @Test
    void dailyRunReadsOnlyTheDatabaseSecretAndTheDetailsKeyAndSendsToTheQueue() {
        String policies = queries.policiesOfRole("DailyRunFunctionRole");

        assertThat(policies).contains("secret:urmston/prod/database-??????", detailsKey(), "sqs:SendMessage");
        assertThat(policies).doesNotContain("secret:urmston/prod/twilio", "secret:urmston/prod/openai", "ssm:", "ConfigApiKey");
    }

    @Test
    void migrationFunctionReadsOnlyTheDatabaseSecret() {
        String policies = queries.policiesOfRole("MigrationFunctionRole");

        assertThat(policies).contains("secret:urmston/prod/database-??????");
        assertThat(policies).doesNotContain("secret:urmston/prod/twilio", "secret:urmston/prod/openai", "ConfigApiKey", "sqs:",
                "ssm:", "ConfigDetailsKey");
    }

    @Test
    void theDetailsKeyIsGeneratedAndOutlivesTheStack() {
        String key = queries.logicalId("AWS::SecretsManager::Secret", "ConfigDetailsKey");

        assertThat(queries.resource(key)).containsEntry("DeletionPolicy", "Retain");
        assertThat(queries.properties(key)).containsEntry("GenerateSecretString", Map.of("ExcludePunctuation", true,
                "GenerateStringKey", "DETAILS_ENCRYPTION_KEYS", "PasswordLength", 64, "SecretStringTemplate", "{}"));
    }

    private String detailsKey() {
        return "Ref=" + queries.logicalId("AWS::SecretsManager::Secret", "ConfigDetailsKey");
    }

    @Test
    void applicationRolesCarryNoManagedPolicies() {
        for (String role : List.of("ApiFunctionRole", "WorkerFunctionRole", "OutboxSweeperFunctionRole",
                "DailyRunFunctionRole", "MigrationFunctionRole")) {
            assertThat(queries.properties(queries.logicalId("AWS::IAM::Role", role))).doesNotContainKey("ManagedPolicyArns");
        }
    }

    @Test
    void secretValuesNeverAppearInTheTemplate() {
        assertThat(String.valueOf(template.toJSON())).doesNotContain("SecretString\":", "TWILIO_AUTH_TOKEN\":");
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("GenerateSecretString",
                Map.of("GenerateStringKey", "API_KEY", "SecretStringTemplate", "{}", "PasswordLength", 40)));
    }

    // --- Queues ---------------------------------------------------------------------------------------------

    @Test
    void workQueueAndDeadLetterQueueAreFifo() {
        template.resourcePropertiesCountIs("AWS::SQS::Queue", Map.of("FifoQueue", true), 2);
        template.resourceCountIs("AWS::SQS::Queue", 2);
    }

    @Test
    void jobsMoveToTheDeadLetterQueueAfterFiveReceives() {
        String deadLetters = queries.logicalId("AWS::SQS::Queue", "WorkQueueDeadLetters");

        template.hasResourceProperties("AWS::SQS::Queue", Map.of("RedrivePolicy", Map.of(
                "maxReceiveCount", 5,
                "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")))));
    }

    @Test
    void visibilityTimeoutIsAtLeastSixTimesTheWorkerTimeout() {
        int workerTimeout = ((Number) queries.properties(queries.logicalId("AWS::Lambda::Function", "WorkerFunction"))
                .get("Timeout")).intValue();
        int visibility = ((Number) queries.properties(queries.logicalId("AWS::SQS::Queue", "WorkQueueJobs"))
                .get("VisibilityTimeout")).intValue();

        assertThat(visibility).isGreaterThanOrEqualTo(6 * workerTimeout);
    }

    @Test
    void workerEventSourceReportsBatchItemFailures() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(queries.logicalId("AWS::SQS::Queue", "WorkQueueJobs"), "Arn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", RegistrationStack.WORKER_BATCH_SIZE,
                "ScalingConfig", Map.of("MaximumConcurrency", RegistrationStack.WORKER_MAX_CONCURRENCY)));
    }

    @Test
    void workerEventSourceInvokesTheLiveAlias() {
        String mapping = queries.logicalId("AWS::Lambda::EventSourceMapping", "WorkerFunctionLive");
        String alias = queries.logicalId("AWS::Lambda::Alias", "WorkerFunctionLive");

        assertThat(String.valueOf(queries.properties(mapping).get("FunctionName"))).contains("Ref=" + alias, ":live");
    }

    // --- Schedule -------------------------------------------------------------------------------------------

    @Test
    void noRuleRunsTheOutboxSweeperOnAClock() {
        template.resourceCountIs("AWS::Events::Rule", 0);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", RegistrationStack.SWEEPER_HANDLER));
    }

    @Test
    void aPublishFailureStartsTheSweeperThroughItsAlarmWithinAMinute() {
        String sweeper = queries.logicalId("AWS::Lambda::Function", "OutboxSweeperFunction");

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", Alarms.OUTBOX_PUBLISH_FAILED,
                "Period", 60,
                "AlarmActions", Match.arrayWith(List.of(Map.of("Fn::GetAtt", List.of(sweeper, "Arn"))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Fn::GetAtt", List.of(sweeper, "Arn")),
                "Principal", "lambda.alarms.cloudwatch.amazonaws.com"));
    }

    @Test
    void theDailyRunIsScheduledAtTenInTheMorningLondonTimeAndRetried() {
        String daily = queries.logicalId("AWS::Lambda::Function", "DailyRunFunction");

        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(0 10 * * ? *)",
                "ScheduleExpressionTimezone", "Europe/London",
                "State", "ENABLED",
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(daily, "Arn")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600)))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", RegistrationStack.DAILY_RUN_HANDLER,
                "Timeout", (int) RegistrationStack.DAILY_RUN_TIMEOUT.toSeconds()));
    }

    // --- Migrations at deploy time ---------------------------------------------------------------------------

    @Test
    void theTriggerRunsTheMigrationHandlerAndWaitsForIt() {
        String version = queries.logicalId("AWS::Lambda::Version", "MigrationFunctionCurrentVersion");

        // A new version alone updates the Trigger, which then does not run: see MigrationTriggerTest.
        template.hasResourceProperties("Custom::Trigger", Map.of(
                "HandlerArn", Map.of("Ref", version),
                "ExecuteOnHandlerChange", false,
                "InvocationType", "RequestResponse"));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", RegistrationStack.MIGRATION_HANDLER));
    }

    @Test
    void functionsAreUpdatedOnlyAfterTheMigrationTrigger() {
        String trigger = queries.logicalId("Custom::Trigger", "MigrateBeforeUpdate");

        for (String resource : List.of(
                queries.logicalId("AWS::Lambda::Function", "ApiFunction"),
                queries.logicalId("AWS::Lambda::Version", "ApiFunctionCurrentVersion"),
                queries.logicalId("AWS::Lambda::Alias", "ApiFunctionLive"),
                queries.logicalId("AWS::Lambda::Function", "WorkerFunction"),
                queries.logicalId("AWS::Lambda::Alias", "WorkerFunctionLive"),
                queries.logicalId("AWS::Lambda::EventSourceMapping", "WorkerFunctionLive"),
                queries.logicalId("AWS::Lambda::Function", "OutboxSweeperFunction"),
                queries.logicalId("AWS::Lambda::Function", "DailyRunFunction"))) {
            assertThat(queries.dependsOn(resource)).as(resource).contains(trigger);
        }
    }

    @Test
    void theMigrationFunctionDoesNotWaitForItsOwnTrigger() {
        String trigger = queries.logicalId("Custom::Trigger", "MigrateBeforeUpdate");

        assertThat(queries.dependsOn(queries.logicalId("AWS::Lambda::Function", "MigrationFunction")))
                .doesNotContain(trigger);
    }

    // --- Alarms ---------------------------------------------------------------------------------------------

    @Test
    void alarmsGoToAnEmailSubscriptionFromTheStackParameter() {
        template.hasParameter("AlarmEmail", Map.of("Type", "String"));
        template.hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", Map.of("Ref", "AlarmEmail")));
    }

    @Test
    void everyAlarmNotifiesTheTopic() {
        String topic = queries.logicalId("AWS::SNS::Topic", "AlarmsTopic");

        template.resourceCountIs("AWS::CloudWatch::Alarm", 6 + Alarms.LOGGED.size());
        template.allResourcesProperties("AWS::CloudWatch::Alarm",
                Map.of("AlarmActions", Match.arrayWith(List.of(Map.of("Ref", topic)))));
    }

    @Test
    void deadLetterQueueDepthOfOneRaisesAnAlarm() {
        String deadLetters = queries.logicalId("AWS::SQS::Queue", "WorkQueueDeadLetters");

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(deadLetters, "QueueName")))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold"));
    }

    @Test
    void workerErrorsRaiseAnAlarm() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "Errors",
                "Dimensions", List.of(Map.of("Name", "FunctionName",
                        "Value", Map.of("Ref", queries.logicalId("AWS::Lambda::Function", "WorkerFunction")))),
                "Threshold", 1));
    }

    @Test
    void api5xxResponsesRaiseAnAlarm() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "5XXError", "Threshold", 1));
    }

    @Test
    void throttlesOfEitherFunctionRaiseAnAlarm() {
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm",
                Map.of("Namespace", "AWS/Lambda", "MetricName", "Throttles", "Threshold", 1), 2);
    }

    @Test
    void theAgeOfTheOldestJobRaisesAnAlarm() {
        String jobs = queries.logicalId("AWS::SQS::Queue", "WorkQueueJobs");

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(jobs, "QueueName")))),
                "Threshold", Alarms.OLDEST_JOB_AGE_SECONDS));
    }

    private static Map<String, Object> method(String pathPart, String httpMethod) {
        List<String> resources = List.copyOf(template.findResources("AWS::ApiGateway::Resource",
                Map.of("Properties", Map.of("PathPart", pathPart))).keySet());
        assertThat(resources).as("resource " + pathPart).hasSize(1);
        Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method", Map.of(
                "Properties", Map.of("ResourceId", Map.of("Ref", resources.getFirst()), "HttpMethod", httpMethod)));
        assertThat(methods).as(httpMethod + " " + pathPart).hasSize(1);
        return queries.properties(methods.keySet().iterator().next());
    }}
