package uk.clubreg.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/** CloudWatch alarms for what needs a person: lost jobs, failing code, throttling and a stalled queue. */
public final class Alarms extends Construct {

    /** A job older than this has missed several worker attempts or the worker is not running. */
    static final int OLDEST_JOB_AGE_SECONDS = 300;

    private static final Duration PERIOD = Duration.minutes(5);
    private static final MetricOptions SUM = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    private static final MetricOptions MAX = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();

    private final Topic topic;

    public Alarms(Construct scope, String id, String email, WorkQueue queue, Function api, Function worker,
                  RestApi restApi) {
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
    }

    private void alarm(String id, String description, IMetric metric, int threshold) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }
}
