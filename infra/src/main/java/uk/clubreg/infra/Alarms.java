package uk.clubreg.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.LambdaAction;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilterOptions;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * CloudWatch alarms for what needs a person: lost jobs, failing code, throttling, a stalled queue, and the failures
 * the code raises itself (uk.clubreg.logging.Alarm). Each alarm has an entry of its id in docs/runbook.md.
 */
public final class Alarms extends Construct {

    /** An alarm the code raises as a log line {@code "alarm": name}; the threshold is per {@code period}. */
    record Logged(String name, String description, int threshold, Duration period) {
        Logged(String name, String description, int threshold) {
            this(name, description, threshold, PERIOD);
        }
    }

    static final String DAILY_RUN_ERRORS = "DailyRunErrors";
    static final String OUTBOX_PUBLISH_FAILED = "OutboxPublishFailed";
    static final String OUTBOX_SWEEP_ERRORS = "OutboxSweepErrors";

    private static final Duration PERIOD = Duration.minutes(5);

    /** Keep equal to uk.clubreg.logging.Alarm (a test compares them). */
    static final List<Logged> LOGGED = List.of(
            new Logged("CredentialsRefused", "Twilio or OpenAI refused our credentials even after reading them again", 1),
            // One could be a stranger's junk post; several are a misconfigured URL or token.
            new Logged("WebhookSignatureRefused", "Webhook posts were refused for a signature that did not match", 5),
            new Logged(DAILY_RUN_ERRORS, "A step of the daily run failed, or the daily run function did", 1),
            new Logged("OutboxRowQuarantined", "An outbox row was not a job and was set aside unpublished", 1),
            // A minute: its alarm starts the outbox sweeper, which publishes what the queue did not take.
            new Logged(OUTBOX_PUBLISH_FAILED, "The queue did not take a committed job; the sweeper was started", 1,
                    Duration.minutes(1)),
            new Logged(OUTBOX_SWEEP_ERRORS, "An outbox sweep failed, or the outbox sweeper function did", 1),
            // Each is a message a parent did not get; the log line names Twilio's error code.
            new Logged("MessagesRefused", "Twilio refused or could not deliver a message for good", 1),
            // Each is a parent asked to send their child's photo again; the log line names the reason.
            new Logged("PhotosNotReceived", "A parent's photo could not be fetched from Twilio after its retries", 1));

    /** A job older than this has missed several worker attempts or the worker is not running. */
    static final int OLDEST_JOB_AGE_SECONDS = 300;

    private static final MetricOptions SUM = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    private static final MetricOptions MAX = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();

    private static final String ALARM_FIELD = "alarm";

    private final Topic topic;

    /**
     * @param namespace of the metrics counted from the functions' logs: the stack's own, so that another stage's
     *                  failures in the same account never raise this stack's alarms or start its sweeper
     */
    public Alarms(Construct scope, String id, String namespace, String email, WorkQueue queue, Function api, Function worker,
                  Function daily, Function sweeper, RestApi restApi) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic").displayName("Club registration alarms").enforceSsl(true).build();
        topic.addSubscription(new EmailSubscription(email));

        alarm("DeadLetters", "A job failed 5 times and is in the dead-letter queue",
                queue.deadLetters().metricApproximateNumberOfMessagesVisible(MAX), 1);
        alarm("WorkerErrors", "The worker function failed (an error or a timeout)", worker.metricErrors(SUM), 1);
        alarm("Api5xx", "The API answered with a 5xx", restApi.metricServerError(SUM), 1);
        alarm("ApiThrottles", "The API function was throttled", api.metricThrottles(SUM), 1);
        alarm("WorkerThrottles", "The worker function was throttled", worker.metricThrottles(SUM), 1);
        alarm("OldestJobAge", "A job has waited over " + OLDEST_JOB_AGE_SECONDS + " s on the work queue",
                queue.jobs().metricApproximateAgeOfOldestMessage(MAX), OLDEST_JOB_AGE_SECONDS);
        // A daily run or sweep that failed as a whole (a timeout, a start-up failure) logs no failure: its errors count.
        Map<String, IMetric> alsoCounted = Map.of(DAILY_RUN_ERRORS, daily.metricErrors(SUM),
                OUTBOX_SWEEP_ERRORS, sweeper.metricErrors(SUM));
        for (Logged logged : LOGGED) {
            for (Function function : List.of(api, worker, daily, sweeper)) {
                function.getLogGroup().addMetricFilter(logged.name() + "Filter", MetricFilterOptions.builder()
                        .filterPattern(FilterPattern.stringValue("$." + ALARM_FIELD, "=", logged.name()))
                        .metricNamespace(namespace)
                        .metricName(logged.name())
                        .metricValue("1")
                        .build());
            }
            IMetric counted = Metric.Builder.create().namespace(namespace)
                    .metricName(logged.name()).period(logged.period()).statistic("Sum").build();
            IMetric also = alsoCounted.get(logged.name());
            Alarm alarm = alarm(logged.name(), logged.description(), also == null ? counted
                    : MathExpression.Builder.create()
                            .expression("FILL(logged, 0) + FILL(failed, 0)")
                            .usingMetrics(Map.of("logged", counted, "failed", also))
                            .label(logged.name()).period(logged.period()).build(), logged.threshold());
            if (logged.name().equals(OUTBOX_PUBLISH_FAILED)) {
                // No schedule sweeps the outbox (docs/decisions/0055-idle-costs-nothing.md): a failure starts it.
                alarm.addAlarmAction(new LambdaAction(sweeper));
            }
        }
    }

    private Alarm alarm(String id, String description, IMetric metric, int threshold) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description + " (docs/runbook.md, " + id + ")")
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        return alarm;
    }
}
