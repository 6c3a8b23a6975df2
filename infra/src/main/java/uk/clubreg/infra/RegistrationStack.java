package uk.clubreg.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.scheduler.ContextAttribute;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

/**
 * Every AWS resource of the registration assistant. Sizing is explained in docs/deploy.md ("Sizing").
 */
public final class RegistrationStack extends Stack {

    static final String API_HANDLER = "uk.clubreg.api.ApiHandler::handleRequest";
    static final String SWEEPER_HANDLER = "uk.clubreg.api.OutboxSweeperHandler::handleRequest";
    static final String DAILY_RUN_HANDLER = "uk.clubreg.api.DailyRunHandler::handleRequest";
    static final String WORKER_HANDLER = "uk.clubreg.worker.WorkerHandler::handleRequest";
    static final String MIGRATION_HANDLER = "uk.clubreg.migrations.MigrationHandler::handleRequest";

    static final int API_MEMORY_MB = 1024;
    static final Duration API_TIMEOUT = Duration.seconds(10);
    static final int WORKER_MEMORY_MB = 1024;
    static final Duration WORKER_TIMEOUT = Duration.seconds(90);
    static final int SWEEPER_MEMORY_MB = 512;
    static final Duration SWEEPER_TIMEOUT = Duration.seconds(30);
    static final int DAILY_RUN_MEMORY_MB = 512;
    static final Duration DAILY_RUN_TIMEOUT = Duration.minutes(5);
    /** 10:00 club time: after the default quiet hours (20:00-09:00), so the reminders go (docs/decisions/0054). */
    static final String DAILY_RUN_HOUR = "10";
    static final TimeZone DAILY_RUN_TIME_ZONE = TimeZone.EUROPE_LONDON;
    /**
     * The daily warm-ups of the SnapStart aliases (testing/payloads/warm-up-*.json): a version not invoked for 14 days
     * goes inactive, and these are answered without touching the database (docs/decisions/0056-snapstart-warm-up.md).
     */
    static final Map<String, Object> API_WARM_UP = Map.of("resource", "/warm-up", "path", "/warm-up",
            "httpMethod", "GET");
    static final Map<String, Object> WORKER_WARM_UP = Map.of("Records", List.of());
    static final int MIGRATION_MEMORY_MB = 512;
    static final Duration MIGRATION_TIMEOUT = Duration.minutes(5);
    /** One job per invocation: the worker's timeout then budgets exactly one conversation turn. */
    static final int WORKER_BATCH_SIZE = 1;
    /** Caps parallel jobs so an invitation batch cannot exhaust Neon's pooler or OpenAI's rate limit. */
    static final int WORKER_MAX_CONCURRENCY = 5;

    public RegistrationStack(Construct scope, String id, StackProps props, StackSettings settings,
                             LambdaPackages packages) {
        super(scope, id, props);

        CfnParameter alarmEmail = CfnParameter.Builder.create(this, "AlarmEmail")
                .type("String")
                .description("Email address that receives the alarms (confirm the subscription email)")
                .allowedPattern("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
                .constraintDescription("must be an email address")
                .build();

        ConfigStore config = new ConfigStore(this, "Config", settings);
        WorkQueue queue = new WorkQueue(this, "WorkQueue", WORKER_TIMEOUT);
        PhotoBucket photos = new PhotoBucket(this, "Photos");

        JavaFunction api = new JavaFunction(this, "ApiFunction", new JavaFunction.Spec(
                "Manager API and Twilio callbacks", packages.api(), API_HANDLER,
                API_MEMORY_MB, API_TIMEOUT, true, sharedEnvironment(settings, queue), settings.logRetention()));
        RegistrationApi restApi = new RegistrationApi(this, "RestApi", settings.stackName(), settings.stage().id(), api.invokable(),
                queue.jobs(), config.apiKeyValue(), settings.apiKeyGeneration(), settings.logRetention());
        String publicBaseUrl = settings.publicBaseUrl().orElse(restApi.stageUrl());
        grantApi(api, config, queue, publicBaseUrl);
        photos.readBy(api);

        JavaFunction worker = new JavaFunction(this, "WorkerFunction", new JavaFunction.Spec(
                "Job worker: conversation turns (OpenAI) and WhatsApp sends", packages.worker(), WORKER_HANDLER,
                WORKER_MEMORY_MB, WORKER_TIMEOUT, true, sharedEnvironment(settings, queue), settings.logRetention()));
        grantWorker(worker, config, queue, publicBaseUrl);
        photos.storedAndDeletedBy(worker);

        // On no schedule: started by the OutboxPublishFailed alarm (docs/decisions/0055-idle-costs-nothing.md). Rarely
        // run, so SnapStart would only add a version that goes inactive.
        JavaFunction sweeper = new JavaFunction(this, "OutboxSweeperFunction", new JavaFunction.Spec(
                "Re-publishes outbox jobs the queue did not take, when a publish failure raises its alarm",
                packages.api(), SWEEPER_HANDLER, SWEEPER_MEMORY_MB, SWEEPER_TIMEOUT, false,
                sharedEnvironment(settings, queue), settings.logRetention()));
        sweeper.readsSecret(config.databaseUrl());
        queue.jobs().grantSendMessages(sweeper.role());

        // Once a day, so a cold start each time: SnapStart would only add a version that goes inactive.
        JavaFunction daily = new JavaFunction(this, "DailyRunFunction", new JavaFunction.Spec(
                "Once a day: archives earlier seasons, escalates hand-offs, reminds parents, queues summaries",
                packages.api(), DAILY_RUN_HANDLER, DAILY_RUN_MEMORY_MB, DAILY_RUN_TIMEOUT, false,
                sharedEnvironment(settings, queue), settings.logRetention()));
        scheduleDailyRun(daily, config, queue);

        JavaFunction migrations = new JavaFunction(this, "MigrationFunction", new JavaFunction.Spec(
                "Flyway migrations on Neon's direct host, run by the deploy", packages.migrations(), MIGRATION_HANDLER,
                MIGRATION_MEMORY_MB, MIGRATION_TIMEOUT, false, Map.of(), settings.logRetention()));
        migrations.readsSecret(config.databaseDirectUrl());
        migrations.readsSecret(config.databaseUrl());
        // Runs when the migration scripts change, not whenever the migrations zip does (it holds the core library
        // too): the scripts' digest is in the Trigger's id, so new scripts make a new Trigger, which runs on
        // creation; an unchanged one is never updated (docs/decisions/0052-migrations-by-deploy-trigger.md).
        Trigger migrate = Trigger.Builder.create(this, "MigrateBeforeUpdate" + packages.migrationScriptsDigest())
                .handler(migrations.function())
                .executeOnHandlerChange(false)
                .timeout(MIGRATION_TIMEOUT)
                .executeBefore(List.of(api, worker, sweeper, daily))
                .build();
        limitTriggerProviderLogs(migrate, settings.logRetention());

        new Alarms(this, "Alarms", settings.metricNamespace(), alarmEmail.getValueAsString(), queue, api.function(), worker.function(),
                daily.function(), sweeper.function(), restApi.api());
        warmUpDaily(api, worker);

        CfnOutput.Builder.create(this, "ApiUrl").value(publicBaseUrl)
                .description("PUBLIC_BASE_URL: the base of every route").build();
        CfnOutput.Builder.create(this, "WebhookUrl").value(publicBaseUrl + "/" + RegistrationApi.WEBHOOK)
                .description("Twilio: 'When a message comes in' / 'Webhook URL for incoming messages', method POST")
                .build();
        CfnOutput.Builder.create(this, "StatusCallbackUrl").value(publicBaseUrl + "/" + RegistrationApi.STATUS)
                .description("Twilio: 'Status callback URL', method POST").build();
        CfnOutput.Builder.create(this, "FallbackUrl").value(publicBaseUrl + "/" + RegistrationApi.WEBHOOK_FALLBACK)
                .description("Twilio sender -> Fallback URL (HTTP POST): kept on the queue when the webhook fails")
                .build();
        CfnOutput.Builder.create(this, "ApiKeySecretArn").value(config.apiKeySecretArn())
                .description("aws secretsmanager get-secret-value --secret-id <this> gives the managers' x-api-key").build();
        CfnOutput.Builder.create(this, "DetailsKeySecretArn").value(config.detailsKeySecretArn())
                .description("DETAILS_ENCRYPTION_KEYS: the key sealing medical notes and emergency contacts (kept "
                        + "when the stack is deleted)").build();
        CfnOutput.Builder.create(this, "ConsoleUrl").value(publicBaseUrl + "/" + RegistrationApi.CONSOLE)
                .description("The managers' console: team managers and club admins sign in with their mobile number")
                .build();
        CfnOutput.Builder.create(this, "WorkQueueUrl").value(queue.jobs().getQueueUrl()).build();
        CfnOutput.Builder.create(this, "ApiFunctionName").value(api.function().getFunctionName())
                .description("Rolling back (docs/deploy.md, section 9): the API function, alias live").build();
        CfnOutput.Builder.create(this, "WorkerFunctionName").value(worker.function().getFunctionName())
                .description("Rolling back (docs/deploy.md, section 9): the worker function, alias live").build();
    }

    private static void grantApi(JavaFunction api, ConfigStore config, WorkQueue queue, String publicBaseUrl) {
        api.function().addEnvironment("PUBLIC_BASE_URL", publicBaseUrl);
        api.readsSecret(config.databaseUrl());
        api.readsSecret(config.apiKey());
        api.readsSecret(config.detailsKey());
        config.twilioCredentials().forEach(api::readsSecret);
        // The console shows a club admin every team.
        api.readsParameter(config.clubAdminTels());
        queue.jobs().grantSendMessages(api.role());
    }

    private static void grantWorker(JavaFunction worker, ConfigStore config, WorkQueue queue, String publicBaseUrl) {
        // Status callbacks for the messages it sends point at PUBLIC_BASE_URL/status.
        worker.function().addEnvironment("PUBLIC_BASE_URL", publicBaseUrl);
        worker.readsSecret(config.databaseUrl());
        config.twilioCredentials().forEach(worker::readsSecret);
        worker.readsSecret(config.openAiApiKey());
        worker.readsSecret(config.detailsKey());
        config.workerParameters().forEach(worker::readsParameter);
        config.languageParameters().forEach(worker::readsParameter);
        // A turn can cause a job: the notice of a hand-off or of a completed registration.
        queue.jobs().grantSendMessages(worker.role());
        worker.invokable().addEventSource(new SqsEventSource(queue.jobs(), SqsEventSourceProps.builder()
                .batchSize(WORKER_BATCH_SIZE)
                .reportBatchItemFailures(true)
                .maxConcurrency(WORKER_MAX_CONCURRENCY)
                .build()));
    }

    private void scheduleDailyRun(JavaFunction daily, ConfigStore config, WorkQueue queue) {
        daily.readsSecret(config.databaseUrl());
        daily.readsSecret(config.detailsKey());
        queue.jobs().grantSendMessages(daily.role());
        Role invoker = Role.Builder.create(this, "DailyRunScheduleRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .description("EventBridge Scheduler: invokes the daily run function, nothing else")
                .build();
        Schedule.Builder.create(this, "DailyRunSchedule")
                .description("The daily run: earlier seasons archived, hand-offs escalated, reminders, summaries")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute("0").hour(DAILY_RUN_HOUR).timeZone(DAILY_RUN_TIME_ZONE).build()))
                // Every step is safe to run twice a day, so a failed run (Neon waking slowly, say) is retried.
                .target(new LambdaInvoke(daily.invokable(), ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromObject(Map.of("id", ContextAttribute.getExecutionId(),
                                "detail-type", "Daily run")))
                        .role(invoker)
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .build()))
                .build();
        NagSuppressions.addResourceSuppressions(invoker, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("The CDK grants invoke on the function and its versions (<arn>:*): one function, no other.")
                .appliesTo(List.of("Resource::<" + getLogicalId((CfnElement) daily.function().getNode().getDefaultChild())
                        + ".Arn>:*"))
                .build()), true);
    }

    private void warmUpDaily(JavaFunction api, JavaFunction worker) {
        Role invoker = Role.Builder.create(this, "WarmUpScheduleRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .description("EventBridge Scheduler: the daily warm-up of the SnapStart aliases, nothing else")
                .build();
        warmUp("ApiWarmUpSchedule", api, API_WARM_UP, invoker);
        warmUp("WorkerWarmUpSchedule", worker, WORKER_WARM_UP, invoker);
    }

    private void warmUp(String id, JavaFunction function, Map<String, Object> event, Role invoker) {
        Schedule.Builder.create(this, id)
                .description("Daily warm-up of a SnapStart alias: keeps its version active, touches no database")
                .schedule(ScheduleExpression.rate(Duration.days(1)))
                .target(new LambdaInvoke(function.invokable(), ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromObject(event))
                        .role(invoker)
                        .retryAttempts(2)
                        .build()))
                .build();
    }

    private static Map<String, String> sharedEnvironment(StackSettings settings, WorkQueue queue) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUEUE_URL", queue.jobs().getQueueUrl());
        environment.put("CONFIG_SSM_PREFIX", settings.configPrefix());
        environment.put("CLUB_NAME", settings.clubName());
        environment.put("CURRENT_SEASON", settings.currentSeason());
        environment.put("DEFAULT_PHONE_REGION", settings.defaultPhoneRegion());
        settings.privacyNoticeUrl().ifPresent(url -> environment.put("PRIVACY_NOTICE_URL", url));
        environment.put("CONSENT_WORDING_VERSION", settings.consentWordingVersion());
        environment.put("LANGUAGES", String.join(",", settings.languages()));
        environment.put("PLAYER_PHOTO_REQUIRED", Boolean.toString(settings.playerPhotoRequired()));
        return environment;
    }

    /**
     * The Trigger's CDK-made provider function would log to a group Lambda creates without retention; creating that
     * group first, before the Trigger runs, sets the retention.
     */
    private void limitTriggerProviderLogs(Trigger trigger, RetentionDays retention) {
        CfnResource provider = (CfnResource) getNode()
                .findChild("AWSCDK.TriggerCustomResourceProviderCustomResourceProvider").getNode().findChild("Handler");
        LogGroup logs = LogGroup.Builder.create(this, "MigrateBeforeUpdateProviderLogs")
                .logGroupName("/aws/lambda/" + provider.getRef())
                .retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        trigger.getNode().addDependency(logs);
    }
}
